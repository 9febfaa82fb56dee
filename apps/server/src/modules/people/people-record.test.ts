import type { TPerson } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';
import { withWorkspace } from '../../db/tenant.ts';
import { newId } from '../../lib/ids.ts';
import { rebuildPersonIdentifiers } from './index.ts';

// The full person record: every field round-trips, wrong input names its field.
const { app, db } = await createTestApp();

let owner: TSession;
let other: TSession;
let companyA = '';
let companyB = '';
let otherCompany = '';

const as = (session: TSession) => ({ cookie: session.cookie });

async function post(session: TSession, url: string, payload: object) {
  return app.inject({ method: 'POST', url, headers: as(session), payload });
}

async function createPerson(payload: object, session = owner): Promise<TPerson> {
  const response = await post(session, '/api/v1/people', payload);
  expect(response.statusCode, response.body).toBe(201);
  // The create reply adds possibleDuplicates (person-duplicates tests cover it); the rest is the record.
  const { possibleDuplicates: _duplicates, ...person } = response.json();
  return person;
}

beforeAll(async () => {
  owner = await signUp(app, 'People record');
  other = await signUp(app, 'Another workspace');
  companyA = (await post(owner, '/api/v1/companies', { name: 'Ararat Foods' })).json().id;
  companyB = (await post(owner, '/api/v1/companies', { name: 'Baltic Bytes' })).json().id;
  otherCompany = (await post(other, '/api/v1/companies', { name: 'Not yours' })).json().id;
});

const FULL = () => ({
  firstName: 'Petros',
  lastName: 'Petrosyan',
  displayName: 'Petrosyan Petros',
  emails: [
    { email: 'Petros@Example.am', label: 'work' },
    { email: 'petros.home@example.am', label: 'home', isPrimary: true },
  ],
  phones: [{ number: '+374 91 123456', label: 'mobile' }],
  addresses: [
    {
      label: 'home',
      line1: 'Abovyan 1',
      line2: 'apt 5',
      city: 'Yerevan',
      region: 'Yerevan',
      postalCode: '0001',
      country: 'am',
    },
  ],
  birthDate: '1985-03-21',
  gender: 'non-binary',
  preferredLanguage: 'hy-am',
  preferredChannel: 'viber',
  timezone: 'Asia/Yerevan',
  jobTitle: 'Chef',
  companyIds: [companyA, companyB],
  primaryCompanyId: companyB,
  lifecycleStage: 'qualifiedLead',
  leadSource: 'Trade fair 2025',
  tags: ['vip', 'wine', 'vip'],
  interests: ['cooking', 'chess'],
  preferences: { newsletter: true, shirtSize: 'L', visitsPerYear: 4, notes: null },
  externalIds: [
    { source: 'shopify', id: `cust-${Date.now()}` },
    { source: 'pos', id: `card-${Date.now()}` },
  ],
});

describe('the full person record', () => {
  it('every field round-trips through create, read and list', async () => {
    const input = FULL();
    const person = await createPerson(input);
    expect(person).toMatchObject({
      firstName: 'Petros',
      lastName: 'Petrosyan',
      displayName: 'Petrosyan Petros',
      emails: [
        { email: 'petros@example.am', label: 'work', isPrimary: false },
        { email: 'petros.home@example.am', label: 'home', isPrimary: true },
      ],
      phones: [{ number: '+37491123456', label: 'mobile', isPrimary: true }],
      addresses: [
        {
          label: 'home',
          line1: 'Abovyan 1',
          line2: 'apt 5',
          city: 'Yerevan',
          region: 'Yerevan',
          postalCode: '0001',
          country: 'AM',
        },
      ],
      birthDate: '1985-03-21',
      gender: 'non-binary',
      preferredLanguage: 'hy-AM',
      preferredChannel: 'viber',
      timezone: 'Asia/Yerevan',
      jobTitle: 'Chef',
      companyIds: [companyA, companyB],
      primaryCompanyId: companyB,
      ownerId: owner.me.user?.id,
      lifecycleStage: 'qualifiedLead',
      leadSource: 'Trade fair 2025',
      tags: ['vip', 'wine'],
      interests: ['cooking', 'chess'],
      preferences: { newsletter: true, shirtSize: 'L', visitsPerYear: 4, notes: null },
      externalIds: input.externalIds,
      customFields: {},
      version: 1,
      createdBy: owner.me.user?.id,
      updatedBy: owner.me.user?.id,
    });
    const read = await app.inject({ method: 'GET', url: `/api/v1/people/${person.id}`, headers: as(owner) });
    expect(read.json()).toEqual(person);
    const listed = await app.inject({
      method: 'GET',
      url: `/api/v1/people?email=PETROS@example.am`,
      headers: as(owner),
    });
    expect(listed.json().data).toEqual([person]);
  });

  it('PATCH changes only what it names; clearing works with null; the primary company is kept', async () => {
    const person = await createPerson(FULL());
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${person.id}`,
      headers: { ...as(owner), 'if-match': '"1"' },
      payload: { jobTitle: null, tags: [], timezone: 'Europe/Vilnius', companyIds: [companyB] },
    });
    expect(response.statusCode, response.body).toBe(200);
    const updated: TPerson = response.json();
    expect(updated).toEqual({
      ...person,
      jobTitle: null,
      tags: [],
      timezone: 'Europe/Vilnius',
      companyIds: [companyB],
      primaryCompanyId: companyB,
      version: 2,
      updatedAt: updated.updatedAt,
    });
    const second = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${person.id}`,
      headers: as(owner),
      payload: { companyIds: [companyA, companyB] },
    });
    expect(second.json()).toMatchObject({ companyIds: [companyA, companyB], primaryCompanyId: companyB });
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${person.id}`,
      headers: as(owner),
      payload: { primaryCompanyId: companyA },
    });
    expect(moved.json()).toMatchObject({ companyIds: [companyA, companyB], primaryCompanyId: companyA });
  });

  it('the display name defaults to "first last", else the primary email or phone', async () => {
    expect((await createPerson({ firstName: 'Nino', lastName: 'Beridze' })).displayName).toBe('Nino Beridze');
    expect((await createPerson({ lastName: 'Kim', displayName: '  ' })).displayName).toBe('Kim');
    const emailOnly = await createPerson({
      emails: [{ email: 'x@example.ge' }, { email: 'main@example.ge', isPrimary: true }],
    });
    expect(emailOnly.displayName).toBe('main@example.ge');
    const named = await createPerson({ firstName: 'Taro', lastName: 'Yamada', displayName: 'Yamada Taro' });
    const reset = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${named.id}`,
      headers: as(owner),
      payload: { displayName: null },
    });
    expect(reset.json().displayName).toBe('Taro Yamada');
  });

  it('finds people by phone in any spelling, by external id, lifecycle stage, tag and company', async () => {
    const externalId = `ext-${Date.now()}`;
    const person = await createPerson({
      firstName: 'Lookup',
      phones: [{ number: '+995 (555) 12-34-56' }],
      externalIds: [{ source: 'app', id: externalId }],
      lifecycleStage: 'evangelist',
      tags: ['lookup-tag'],
      companyIds: [companyA],
    });
    const queries = [
      'phone=%2B995555123456',
      `externalId=app:${externalId}`,
      'lifecycleStage=evangelist',
      'tag=lookup-tag',
      `companyId=${companyA}&q=Lookup`,
    ];
    for (const query of queries) {
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/people?${query}`,
        headers: as(owner),
      });
      expect(
        response.json().data.map((p: TPerson) => p.id),
        query,
      ).toEqual([person.id]);
    }
    const none = await app.inject({
      method: 'GET',
      url: '/api/v1/people?externalId=app:nope',
      headers: as(owner),
    });
    expect(none.json().data).toEqual([]);
    const lookups = await db
      .selectFrom('personIdentifiers')
      .selectAll()
      .where('personId', '=', person.id)
      .execute();
    expect(lookups.map((l) => [l.kind, l.source, l.value]).sort()).toEqual([
      ['externalId', 'app', externalId],
      ['phone', '', '+995555123456'],
    ]);
  });

  it('a changed email moves its lookup row; a deleted person leaves none', async () => {
    const person = await createPerson({ emails: [{ email: 'before@example.lt' }] });
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${person.id}`,
      headers: as(owner),
      payload: { emails: [{ email: 'after@example.lt' }] },
    });
    const find = (email: string) =>
      app
        .inject({ method: 'GET', url: `/api/v1/people?email=${email}`, headers: as(owner) })
        .then((r) => r.json().data);
    expect(await find('before@example.lt')).toEqual([]);
    expect((await find('after@example.lt')).map((p: TPerson) => p.id)).toEqual([person.id]);
    await app.inject({ method: 'DELETE', url: `/api/v1/people/${person.id}`, headers: as(owner) });
    expect(
      await db.selectFrom('personIdentifiers').select('value').where('personId', '=', person.id).execute(),
    ).toEqual([]);
  });

  it('people inserted directly (bulk loaders) become findable once their identifiers are rebuilt', async () => {
    const workspace = await signUp(app, 'Bulk');
    const id = newId();
    await db
      .insertInto('people')
      .values({
        workspaceId: workspace.me.workspace.id,
        id,
        firstName: 'Bulk',
        emails: JSON.stringify([{ email: 'bulk@example.lt', label: 'work', isPrimary: true }]),
        phones: JSON.stringify([{ number: '+370 612 34567', label: 'mobile', isPrimary: true }]),
        externalIds: JSON.stringify([{ source: 'pos', id: 'B-1' }]),
      })
      .execute();
    await withWorkspace(db, workspace.me.workspace.id, (trx) =>
      rebuildPersonIdentifiers(trx, workspace.me.workspace.id),
    );
    for (const query of ['email=bulk@example.lt', 'phone=%2B37061234567', 'externalId=pos:B-1']) {
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/people?${query}`,
        headers: as(workspace),
      });
      expect(
        response.json().data.map((p: TPerson) => p.id),
        query,
      ).toEqual([id]);
    }
  });

  it('the audit entry of a change holds the changed fields only', async () => {
    const person = await createPerson({ firstName: 'Audited', tags: ['a'] });
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${person.id}`,
      headers: as(owner),
      payload: { tags: ['a', 'b'], lifecycleStage: 'customer', companyIds: [companyA] },
    });
    const entries = await app.inject({
      method: 'GET',
      url: `/api/v1/audit-log?recordType=person&recordId=${person.id}`,
      headers: as(owner),
    });
    const [update, create] = entries.json().data;
    expect(create).toMatchObject({ action: 'person.create', after: { firstName: 'Audited', tags: ['a'] } });
    expect(update).toMatchObject({
      action: 'person.update',
      before: { tags: ['a'], lifecycleStage: null, companyIds: [], primaryCompanyId: null },
      after: {
        tags: ['a', 'b'],
        lifecycleStage: 'customer',
        companyIds: [companyA],
        primaryCompanyId: companyA,
      },
    });
    expect(Object.keys(update.after).sort()).toEqual([
      'companyIds',
      'lifecycleStage',
      'primaryCompanyId',
      'tags',
    ]);
  });
});

describe('wrong input names the field', () => {
  const cases: { name: string; payload: object; status?: number; paths: string[] }[] = [
    { name: 'an impossible phone', payload: { phones: [{ number: '+374 1' }] }, paths: ['phones.0.number'] },
    {
      name: 'a second phone without "+" and no default country',
      payload: { phones: [{ number: '+37491123456' }, { number: '091 123456' }] },
      paths: ['phones.1.number'],
    },
    {
      name: 'a time zone that does not exist',
      payload: { firstName: 'A', timezone: 'Mars/Olympus' },
      paths: ['timezone'],
    },
    {
      name: 'a language that is not a tag',
      payload: { firstName: 'A', preferredLanguage: 'not a language' },
      paths: ['preferredLanguage'],
    },
    {
      name: 'an unknown channel',
      payload: { firstName: 'A', preferredChannel: 'pigeon' },
      paths: ['preferredChannel'],
    },
    {
      name: 'a birth date in the future',
      payload: { firstName: 'A', birthDate: '2999-01-01' },
      paths: ['birthDate'],
    },
    {
      name: 'a birth date that is no date',
      payload: { firstName: 'A', birthDate: '1990-02-30' },
      paths: ['birthDate'],
    },
    {
      name: 'an address country that is not ISO 3166',
      payload: { firstName: 'A', addresses: [{ city: 'Atlantis', country: 'XX' }] },
      paths: ['addresses.0.country'],
    },
    {
      name: 'an empty address',
      payload: { firstName: 'A', addresses: [{ label: 'home' }] },
      paths: ['addresses.0'],
    },
    {
      name: 'a lifecycle stage the workspace does not have',
      payload: { firstName: 'A', lifecycleStage: 'vip' },
      paths: ['lifecycleStage'],
    },
    {
      name: 'an external id source with ":"',
      payload: { firstName: 'A', externalIds: [{ source: 'a:b', id: '1' }] },
      paths: ['externalIds.0.source'],
    },
    {
      name: 'the same external id twice',
      payload: {
        firstName: 'A',
        externalIds: [
          { source: 's', id: '1' },
          { source: 's', id: '1' },
        ],
      },
      paths: ['externalIds.1'],
    },
    {
      name: 'preferences that nest',
      payload: { firstName: 'A', preferences: { a: { b: 1 } } },
      paths: ['preferences.a'],
    },
    {
      name: 'a company id that is not an id',
      payload: { firstName: 'A', companyIds: ['acme'] },
      paths: ['companyIds.0'],
    },
  ];
  it.each(cases)('$name → 400 at $paths', async ({ payload, paths }) => {
    const error = errorOf(await post(owner, '/api/v1/people', payload), 400);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details?.map((d) => d.path)).toEqual(paths);
  });

  it("another workspace's company in companyIds → 400 at companyIds.N; a primary not in the list → 400", async () => {
    const foreign = errorOf(
      await post(owner, '/api/v1/people', { firstName: 'A', companyIds: [companyA, otherCompany] }),
      400,
    );
    expect(foreign.details).toEqual([{ path: 'companyIds.1', message: 'No such company in this workspace' }]);
    const primary = errorOf(
      await post(owner, '/api/v1/people', {
        firstName: 'A',
        companyIds: [companyA],
        primaryCompanyId: companyB,
      }),
      400,
    );
    expect(primary.details?.map((d) => d.path)).toEqual(['primaryCompanyId']);
  });

  it('a second person with the same external id → 409 DUPLICATE naming the field; on PATCH too', async () => {
    const externalId = { source: 'shopify', id: `dup-${Date.now()}` };
    const first = await createPerson({ firstName: 'First', externalIds: [externalId] });
    const second = errorOf(
      await post(owner, '/api/v1/people', {
        firstName: 'Second',
        externalIds: [{ source: 'pos', id: '1' }, externalId],
      }),
      409,
    );
    expect(second.code).toBe('DUPLICATE');
    expect(second.details?.map((d) => d.path)).toEqual(['externalIds.1.id']);
    const third = await createPerson({ firstName: 'Third' });
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${third.id}`,
      headers: as(owner),
      payload: { externalIds: [externalId] },
    });
    expect(errorOf(patched, 409).details?.map((d) => d.path)).toEqual(['externalIds.0.id']);
    // The first person keeps its own id on a re-save, and another workspace may use the same one.
    const resave = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${first.id}`,
      headers: as(owner),
      payload: { externalIds: [externalId] },
    });
    expect(resave.statusCode).toBe(200);
    expect(
      (await createPerson({ firstName: 'Elsewhere', externalIds: [externalId] }, other)).externalIds,
    ).toEqual([externalId]);
  });

  it('two people racing for one external id: one wins, the other gets 409', async () => {
    const externalId = { source: 'race', id: `r-${Date.now()}` };
    const results = await Promise.all(
      ['A', 'B', 'C'].map((name) =>
        post(owner, '/api/v1/people', { firstName: name, externalIds: [externalId] }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
  });
});

describe('record scope "own" for people', () => {
  it('sales sees only the people it owns, and may link only companies it sees', async () => {
    const sales = await addMember(app, db, owner, 'sales');
    const mine = await createPerson({ firstName: 'Mine' }, sales);
    const theirs = await createPerson({ firstName: 'Theirs' });
    const list = await app.inject({ method: 'GET', url: '/api/v1/people?limit=500', headers: as(sales) });
    const ids = list.json().data.map((p: TPerson) => p.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    const read = await app.inject({ method: 'GET', url: `/api/v1/people/${theirs.id}`, headers: as(sales) });
    expect(errorOf(read, 404).code).toBe('NOT_FOUND');
    const link = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${mine.id}`,
      headers: as(sales),
      payload: { companyIds: [companyA] },
    });
    expect(errorOf(link, 400).details?.map((d) => d.path)).toEqual(['companyIds.0']);
  });
});
