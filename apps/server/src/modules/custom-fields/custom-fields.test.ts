import type { TCustomField } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';

const { app, db, pool } = await createTestApp();

let owner: TSession;
let other: TSession;
let companyId = '';
let personId = '';
let foreignPersonId = '';

const as = (session: TSession) => ({ cookie: session.cookie });

async function defineField(payload: object, session = owner): Promise<TCustomField> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/custom-fields',
    headers: as(session),
    payload,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const postPerson = (payload: object, session = owner) =>
  app.inject({ method: 'POST', url: '/api/v1/people', headers: as(session), payload });

beforeAll(async () => {
  owner = await signUp(app, 'Custom fields');
  other = await signUp(app, 'Other custom fields');
  companyId = (
    await app.inject({
      method: 'POST',
      url: '/api/v1/companies',
      headers: as(owner),
      payload: { name: 'Rel Co' },
    })
  ).json().id;
  personId = (await postPerson({ firstName: 'Related' })).json().id;
  foreignPersonId = (await postPerson({ firstName: 'Foreign' }, other)).json().id;
  const fields: object[] = [
    { key: 'nickname', label: 'Nickname', type: 'text' },
    { key: 'bio', label: 'Bio', type: 'longText' },
    { key: 'score', label: 'Score', type: 'number' },
    { key: 'budget', label: 'Budget', type: 'currency' },
    { key: 'firstVisit', label: 'First visit', type: 'date' },
    { key: 'lastLogin', label: 'Last login', type: 'datetime' },
    { key: 'isVip', label: 'VIP', type: 'boolean' },
    {
      key: 'tier',
      label: 'Tier',
      type: 'select',
      options: ['gold', { value: 'silver', label: 'Silver tier' }],
    },
    { key: 'sports', label: 'Sports', type: 'multiSelect', options: ['chess', 'football', 'tennis'] },
    { key: 'website', label: 'Website', type: 'url' },
    { key: 'altEmail', label: 'Other email', type: 'email' },
    { key: 'fax', label: 'Fax', type: 'phone' },
    { key: 'accountManager', label: 'Account manager', type: 'user' },
    { key: 'employer', label: 'Employer', type: 'relation', relation: { objectType: 'company' } },
    { key: 'referredBy', label: 'Referred by', type: 'relation', relation: { objectType: 'person' } },
  ];
  for (const field of fields) await defineField({ objectType: 'person', ...field });
});

const GOOD_VALUES = () => ({
  nickname: '  Pet ',
  bio: 'Line one\nLine two',
  score: 4.5,
  budget: { amount: '0012.50', currency: 'eur' },
  firstVisit: '2024-02-29',
  lastLogin: '2025-06-01T12:30:00+04:00',
  isVip: true,
  tier: 'silver',
  sports: ['chess', 'tennis', 'chess'],
  website: 'https://example.am/shop',
  altEmail: 'Alt@Example.AM',
  fax: '+374 10 123456',
  accountManager: owner.me.user?.id,
  employer: companyId,
  referredBy: personId,
});

describe('custom field values', () => {
  it('every type round-trips, normalised', async () => {
    const response = await postPerson({ firstName: 'Typed', customFields: GOOD_VALUES() });
    expect(response.statusCode, response.body).toBe(201);
    const expected = {
      nickname: 'Pet',
      bio: 'Line one\nLine two',
      score: 4.5,
      budget: { amount: '12.5', currency: 'EUR' },
      firstVisit: '2024-02-29',
      lastLogin: '2025-06-01T08:30:00.000Z',
      isVip: true,
      tier: 'silver',
      sports: ['chess', 'tennis'],
      website: 'https://example.am/shop',
      altEmail: 'alt@example.am',
      fax: '+37410123456',
      accountManager: owner.me.user?.id,
      employer: companyId,
      referredBy: personId,
    };
    expect(response.json().customFields).toEqual(expected);
    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/people/${response.json().id}`,
      headers: as(owner),
    });
    expect(read.json().customFields).toEqual(expected);
    // PATCH sets the keys it names and clears those given null; the rest stay.
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${response.json().id}`,
      headers: as(owner),
      payload: { customFields: { score: 5, nickname: null, sports: [] } },
    });
    const { nickname: _n, sports: _s, ...rest } = expected;
    expect(patched.json().customFields).toEqual({ ...rest, score: 5 });
  });

  const wrong: { name: string; values: Record<string, unknown>; message?: string }[] = [
    { name: 'unknown key', values: { shoeSize: 42 }, message: 'Unknown custom field' },
    { name: 'text as number', values: { nickname: 7 } },
    { name: 'number as text', values: { score: '5' } },
    { name: 'currency without currency', values: { budget: { amount: '5' } } },
    { name: 'date that is no date', values: { firstVisit: '2023-02-29' } },
    { name: 'datetime without offset', values: { lastLogin: '2025-06-01 12:30' } },
    { name: 'boolean as text', values: { isVip: 'yes' } },
    {
      name: 'select value not in options',
      values: { tier: 'platinum' },
      message: '"platinum" is not one of the options',
    },
    { name: 'select label instead of value', values: { tier: 'Silver tier' } },
    { name: 'multiSelect value not in options', values: { sports: ['chess', 'golf'] } },
    { name: 'url without http', values: { website: 'ftp://example.am' } },
    { name: 'email that is not one', values: { altEmail: 'nope' } },
    { name: 'phone that is not one', values: { fax: '123' } },
    {
      name: 'user who is not a member',
      values: { accountManager: '0190d2a4-0000-7000-8000-000000000000' },
      message: 'Not a member of this workspace',
    },
    { name: 'relation to a missing company', values: { employer: '0190d2a4-0000-7000-8000-000000000000' } },
    {
      name: "relation to another workspace's person",
      values: { referredBy: 'FOREIGN' },
      message: 'No such person in this workspace',
    },
  ];
  it.each(wrong)('$name → 400 naming customFields.<key>', async ({ values, message }) => {
    const resolved = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, v === 'FOREIGN' ? foreignPersonId : v]),
    );
    const error = errorOf(await postPerson({ firstName: 'Wrong', customFields: resolved }), 400);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details?.map((d) => d.path)).toEqual(
      Object.keys(values).map((key) => `customFields.${key}`),
    );
    if (message) expect(error.details?.[0]?.message).toBe(message);
  });

  it('reports every wrong value at once', async () => {
    const error = errorOf(
      await postPerson({ firstName: 'Wrong', customFields: { score: 'x', isVip: 1, nope: 1 } }),
      400,
    );
    expect(error.details?.map((d) => d.path)).toEqual([
      'customFields.score',
      'customFields.isVip',
      'customFields.nope',
    ]);
  });

  it('cf.<key>=<value> filters people and companies by a value of the right type', async () => {
    const marker = `m${Date.now()}`;
    await defineField({
      objectType: 'company',
      key: 'region',
      label: 'Region',
      type: 'select',
      options: ['north', 'south'],
    });
    const a = (
      await postPerson({
        firstName: marker,
        customFields: { tier: 'gold', score: 3, sports: ['chess'], isVip: true },
      })
    ).json();
    const b = (
      await postPerson({
        firstName: marker,
        customFields: { tier: 'silver', score: 3.0, sports: ['tennis'] },
      })
    ).json();
    const people = async (query: string) =>
      (await app.inject({ method: 'GET', url: `/api/v1/people?q=${marker}&${query}`, headers: as(owner) }))
        .json()
        .data.map((p: { id: string }) => p.id);
    expect(await people('cf.tier=gold')).toEqual([a.id]);
    expect((await people('cf.score=3')).sort()).toEqual([a.id, b.id].sort());
    expect(await people('cf.sports=tennis')).toEqual([b.id]);
    expect(await people('cf.isVip=true&cf.tier=gold')).toEqual([a.id]);
    const north = await app.inject({
      method: 'POST',
      url: '/api/v1/companies',
      headers: as(owner),
      payload: { name: `North ${marker}`, customFields: { region: 'north' } },
    });
    expect(north.statusCode, north.body).toBe(201);
    const companies = await app.inject({
      method: 'GET',
      url: '/api/v1/companies?cf.region=north',
      headers: as(owner),
    });
    expect(companies.json().data.map((c: { id: string }) => c.id)).toEqual([north.json().id]);
    for (const [query, path] of [
      ['cf.shoeSize=42', 'query.cf.shoeSize'],
      ['cf.score=high', 'query.cf.score'],
      ['cf.tier=platinum', 'query.cf.tier'],
    ]) {
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/people?${query}`,
        headers: as(owner),
      });
      expect(
        errorOf(response, 400).details?.map((d) => d.path),
        query,
      ).toEqual([path]);
    }
  });
});

describe('custom field definitions', () => {
  it('only admins define them; everyone reads them', async () => {
    for (const role of ['manager', 'sales', 'viewer'] as const) {
      const member = await addMember(app, db, owner, role);
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/custom-fields',
        headers: as(member),
        payload: { objectType: 'person', key: `by${role}`, label: 'x', type: 'text' },
      });
      expect(errorOf(response, 403).code, role).toBe('FORBIDDEN');
      const list = await app.inject({
        method: 'GET',
        url: '/api/v1/custom-fields?objectType=person',
        headers: as(member),
      });
      expect(list.json().data.length, role).toBeGreaterThan(10);
    }
    const admin = await addMember(app, db, owner, 'admin');
    await defineField({ objectType: 'company', key: 'byAdmin', label: 'By admin', type: 'text' }, admin);
  });

  it('keys are unique per object type, not across them', async () => {
    await defineField({ objectType: 'company', key: 'nickname', label: 'Company nickname', type: 'text' });
    const duplicate = await app.inject({
      method: 'POST',
      url: '/api/v1/custom-fields',
      headers: as(owner),
      payload: { objectType: 'person', key: 'nickname', label: 'Again', type: 'text' },
    });
    const error = errorOf(duplicate, 409);
    expect(error.code).toBe('DUPLICATE');
    expect(error.details?.map((d) => d.path)).toEqual(['key']);
  });

  const badDefinitions: { name: string; payload: object; paths: string[] }[] = [
    {
      name: 'a select without options',
      payload: { objectType: 'person', key: 'a1', label: 'A', type: 'select' },
      paths: ['options'],
    },
    {
      name: 'options on a text field',
      payload: { objectType: 'person', key: 'a2', label: 'A', type: 'text', options: ['x'] },
      paths: ['options'],
    },
    {
      name: 'a relation without a target',
      payload: { objectType: 'person', key: 'a3', label: 'A', type: 'relation' },
      paths: ['relation'],
    },
    {
      name: 'an unknown type',
      payload: { objectType: 'person', key: 'a4', label: 'A', type: 'color' },
      paths: ['type'],
    },
    {
      name: 'an unknown object type',
      payload: { objectType: 'invoice', key: 'a5', label: 'A', type: 'text' },
      paths: ['objectType'],
    },
    {
      name: 'a key with spaces',
      payload: { objectType: 'person', key: 'my key', label: 'A', type: 'text' },
      paths: ['key'],
    },
    {
      name: 'repeated options',
      payload: { objectType: 'person', key: 'a6', label: 'A', type: 'select', options: ['x', 'x'] },
      paths: ['options'],
    },
  ];
  it.each(badDefinitions)('$name → 400 at $paths', async ({ payload, paths }) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/custom-fields',
      headers: as(owner),
      payload,
    });
    expect(errorOf(response, 400).details?.map((d) => d.path)).toEqual(paths);
  });

  it('renaming keeps the key and the data; archiving hides and refuses values but keeps them; unarchiving brings them back', async () => {
    const field = await defineField({
      objectType: 'person',
      key: 'shoeColour',
      label: 'Shoe colour',
      type: 'text',
    });
    const person = (
      await postPerson({ firstName: 'Shod', customFields: { shoeColour: 'red', score: 1 } })
    ).json();
    const get = async (query = '') =>
      (
        await app.inject({ method: 'GET', url: `/api/v1/people/${person.id}${query}`, headers: as(owner) })
      ).json();
    const update = (payload: object, headers: Record<string, string> = {}) =>
      app.inject({
        method: 'PATCH',
        url: `/api/v1/custom-fields/${field.id}`,
        headers: { ...as(owner), ...headers },
        payload,
      });

    const renamed = await update({ label: 'Shoe color' }, { 'if-match': '"1"' });
    expect(renamed.json()).toMatchObject({ key: 'shoeColour', label: 'Shoe color', version: 2 });
    expect((await get()).customFields).toEqual({ shoeColour: 'red', score: 1 });
    expect(errorOf(await update({ label: 'Stale' }, { 'if-match': '"1"' }), 412).code).toBe(
      'PRECONDITION_FAILED',
    );
    expect(errorOf(await update({ key: 'other' }), 400).code).toBe('VALIDATION_FAILED');

    expect((await update({ isArchived: true })).json().isArchived).toBe(true);
    expect((await get()).customFields).toEqual({ score: 1 });
    expect((await get('?includeArchivedFields=true')).customFields).toEqual({ shoeColour: 'red', score: 1 });
    const listed = await app.inject({ method: 'GET', url: `/api/v1/people?q=Shod`, headers: as(owner) });
    expect(listed.json().data[0].customFields).toEqual({ score: 1 });
    const write = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${person.id}`,
      headers: as(owner),
      payload: { customFields: { shoeColour: 'blue' } },
    });
    expect(errorOf(write, 400).details).toEqual([
      { path: 'customFields.shoeColour', message: 'This custom field is archived' },
    ]);
    // Other writes keep the archived value.
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${person.id}`,
      headers: as(owner),
      payload: { customFields: { score: 2 } },
    });
    const definitions = async (query: string) =>
      (
        await app.inject({
          method: 'GET',
          url: `/api/v1/custom-fields?objectType=person${query}`,
          headers: as(owner),
        })
      )
        .json()
        .data.map((f: TCustomField) => f.key);
    expect(await definitions('')).not.toContain('shoeColour');
    expect(await definitions('&includeArchived=true')).toContain('shoeColour');

    await update({ isArchived: false });
    expect((await get()).customFields).toEqual({ shoeColour: 'red', score: 2 });
    const audit = await app.inject({
      method: 'GET',
      url: `/api/v1/audit-log?recordType=customField&recordId=${field.id}`,
      headers: as(owner),
    });
    expect(audit.json().data.map((e: { action: string }) => e.action)).toEqual([
      'customField.update',
      'customField.update',
      'customField.update',
      'customField.create',
    ]);
    expect(audit.json().data[1]).toMatchObject({
      before: { isArchived: false },
      after: { isArchived: true },
    });
  });

  it('deleting a field removes its values from every record', async () => {
    const field = await defineField({
      objectType: 'person',
      key: 'temporary',
      label: 'Temporary',
      type: 'number',
    });
    const person = (await postPerson({ firstName: 'Temp', customFields: { temporary: 1, score: 9 } })).json();
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/custom-fields/${field.id}`,
      headers: as(owner),
    });
    expect(removed.statusCode).toBe(204);
    const row = await db
      .selectFrom('people')
      .select('customFields')
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(row.customFields).toEqual({ score: 9 });
    await defineField({ objectType: 'person', key: 'temporary', label: 'Again', type: 'text' });
    const again = await app.inject({ method: 'GET', url: `/api/v1/people/${person.id}`, headers: as(owner) });
    expect(again.json().customFields).toEqual({ score: 9 });
  });

  it("another workspace's definitions are not found", async () => {
    const foreign = await defineField(
      { objectType: 'person', key: 'secret', label: 'Secret', type: 'text' },
      other,
    );
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const response = await app.inject({
        method,
        url: `/api/v1/custom-fields/${foreign.id}`,
        headers: as(owner),
        ...(method === 'PATCH' && { payload: { label: 'Mine' } }),
      });
      expect(errorOf(response, 404).code, method).toBe('NOT_FOUND');
    }
    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/custom-fields?includeArchived=true',
      headers: as(owner),
    });
    expect(list.json().data.map((f: TCustomField) => f.id)).not.toContain(foreign.id);
  });
});

describe('the tables of this work', () => {
  it('all have row-level security on', async () => {
    const result = await pool.query<{ relname: string; relrowsecurity: boolean }>(
      `select relname, relrowsecurity from pg_class
        where relname in ('companies', 'person_companies', 'person_identifiers', 'custom_fields', 'people_settings')
        order by relname`,
    );
    expect(result.rows).toEqual(
      ['companies', 'custom_fields', 'people_settings', 'person_companies', 'person_identifiers'].map(
        (relname) => ({
          relname,
          relrowsecurity: true,
        }),
      ),
    );
  });
});
