import type { TPersonDuplicate, TPersonDuplicateGroup, TPossibleDuplicate } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';
import { withWorkspace } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import { listDuplicateGroups } from './person-duplicates.service.ts';

const { app, db } = await createTestApp();

let owner: TSession;
let other: TSession;
let sales: TSession;
let companyId = '';

const as = (session: TSession) => ({ cookie: session.cookie });

type TCreated = { id: string; possibleDuplicates: TPossibleDuplicate[] };

async function createPerson(payload: object, session = owner): Promise<TCreated> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/people', headers: as(session), payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function duplicatesOf(id: string, session = owner): Promise<TPersonDuplicate[]> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/people/${id}/duplicates`,
    headers: as(session),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().data;
}

const reasonsById = (list: { reasons: string[] }[], idOf: (item: never) => string) =>
  Object.fromEntries(list.map((item) => [idOf(item as never), item.reasons]));
const byPerson = (list: TPersonDuplicate[]) => reasonsById(list, (d: TPersonDuplicate) => d.person.id);
const byId = (list: TPossibleDuplicate[]) => reasonsById(list, (d: TPossibleDuplicate) => d.id);

beforeAll(async () => {
  owner = await signUp(app, 'Duplicates');
  other = await signUp(app, 'Other duplicates');
  sales = await addMember(app, db, owner, 'sales');
  const company = await app.inject({
    method: 'POST',
    url: '/api/v1/companies',
    headers: as(owner),
    payload: { name: 'Kavkaz Wines' },
  });
  companyId = company.json().id;
});

describe('duplicate detection', () => {
  it('on create: same email (any case), same phone (any format), a similar name in the same company', async () => {
    const nino = await createPerson({
      firstName: 'Nino',
      lastName: 'Beridze',
      emails: [{ email: 'Nino.Beridze@Example.ge' }],
      phones: [{ number: '+370 600 00001' }],
      externalIds: [{ source: 'shop', id: 'N-1' }],
      companyIds: [companyId],
    });
    expect(nino.possibleDuplicates).toEqual([]);

    const byEmail = await createPerson({ emails: [{ email: 'nino.beridze@example.GE' }] });
    expect(byId(byEmail.possibleDuplicates)).toEqual({ [nino.id]: ['email'] });

    const byPhone = await createPerson({ firstName: 'Someone', phones: [{ number: '+37060000001' }] });
    expect(byId(byPhone.possibleDuplicates)).toEqual({ [nino.id]: ['phone'] });

    const byName = await createPerson({ firstName: 'Nino', lastName: 'Berdze', companyIds: [companyId] });
    expect(byId(byName.possibleDuplicates)).toEqual({ [nino.id]: ['name'] });

    // The same name elsewhere (no shared company or city) is not flagged: too common to mean much.
    const elsewhere = await createPerson({ firstName: 'Nino', lastName: 'Beridze' });
    expect(elsewhere.possibleDuplicates).toEqual([]);

    // A second person cannot take the external id at all (409), so that reason never needs a hint.
    const taken = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: as(owner),
      payload: { firstName: 'X', externalIds: [{ source: 'shop', id: 'N-1' }] },
    });
    expect(errorOf(taken, 409).details?.[0]?.path).toBe('externalIds.0.id');

    const all = await duplicatesOf(nino.id);
    expect(byPerson(all)).toEqual({
      [byEmail.id]: ['email'],
      [byPhone.id]: ['phone'],
      [byName.id]: ['name'],
    });
    const scores = all.map((d) => d.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(all[0]?.person.emails[0]?.email).toBe('nino.beridze@example.ge');
  });

  it('reasons add up; a similar name in the same city counts too', async () => {
    const first = await createPerson({
      firstName: 'Šarūnas',
      lastName: 'Jonaitis',
      emails: [{ email: 'sarunas@example.lt' }],
      addresses: [{ city: 'Vilnius' }],
    });
    const second = await createPerson({
      firstName: 'Sarunas',
      lastName: 'Jonaitis',
      emails: [{ email: 'SARUNAS@example.lt' }],
      addresses: [{ city: ' vilnius ', country: 'LT' }],
    });
    expect(byId(second.possibleDuplicates)).toEqual({ [first.id]: ['email', 'name'] });
    const [match] = await duplicatesOf(first.id);
    expect(match?.score).toBeGreaterThan(0.6);
    const emailOnly = await createPerson({ emails: [{ email: 'sarunas@example.lt' }] });
    const onlyEmailScore = emailOnly.possibleDuplicates.find((d) => d.id === first.id)?.score ?? 1;
    expect(match?.score).toBeGreaterThan(onlyEmailScore);
  });

  it('never looks into another workspace', async () => {
    const mine = await createPerson({ firstName: 'Lia', emails: [{ email: 'shared@example.am' }] });
    const theirs = await createPerson({ firstName: 'Lia', emails: [{ email: 'shared@example.am' }] }, other);
    expect(theirs.possibleDuplicates).toEqual([]);
    expect(await duplicatesOf(mine.id)).toEqual([]);
    const cross = await app.inject({
      method: 'GET',
      url: `/api/v1/people/${mine.id}/duplicates`,
      headers: as(other),
    });
    expect(errorOf(cross, 404).code).toBe('NOT_FOUND');
  });

  it('"own"-scope roles only hear of people they can see', async () => {
    const ownersPerson = await createPerson({ firstName: 'Ara', emails: [{ email: 'ara@example.am' }] });
    const salesPerson = await createPerson(
      { firstName: 'Ara', emails: [{ email: 'ara@example.am' }] },
      sales,
    );
    expect(salesPerson.possibleDuplicates).toEqual([]);
    expect(await duplicatesOf(salesPerson.id, sales)).toEqual([]);
    expect(byPerson(await duplicatesOf(ownersPerson.id))).toEqual({ [salesPerson.id]: ['email'] });
    const hidden = await app.inject({
      method: 'GET',
      url: `/api/v1/people/${ownersPerson.id}/duplicates`,
      headers: as(sales),
    });
    expect(errorOf(hidden, 404).code).toBe('NOT_FOUND');
  });

  it("lists the workspace's duplicate groups page by page", async () => {
    const groups: TPersonDuplicateGroup[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/people/duplicates?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await app.inject({ method: 'GET', url, headers: as(owner) });
      expect(response.statusCode, response.body).toBe(200);
      groups.push(...response.json().data);
      cursor = response.json().nextCursor;
    } while (cursor);
    const keys = groups.map((g) => `${g.reason}:${g.value}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'email:nino.beridze@example.ge',
        'phone:+37060000001',
        'email:sarunas@example.lt',
      ]),
    );
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain('email:shared@example.am'); // the other one is in another workspace
    const sarunas = groups.find((g) => g.value === 'sarunas@example.lt');
    expect(sarunas?.people).toHaveLength(3);

    const bad = await app.inject({
      method: 'GET',
      url: '/api/v1/people/duplicates?cursor=nope',
      headers: as(owner),
    });
    expect(errorOf(bad, 400).details?.[0]?.path).toBe('cursor');
  });

  it('reads identifiers in bounded windows without losing or repeating a group at a window edge', async () => {
    const actor: TActor = {
      type: 'user',
      userId: owner.me.user?.id ?? null,
      apiKeyId: null,
      name: 'Owner',
      workspaceId: owner.me.workspace.id,
      role: 'owner',
      requestId: null,
    };
    const walk = (limit: number, scanLimit: number) =>
      withWorkspace(db, actor.workspaceId, async (trx) => {
        const keys: string[] = [];
        let cursor: string | undefined;
        for (let pages = 0; pages < 500; pages += 1) {
          const page = await listDuplicateGroups(trx, actor, { limit, cursor }, scanLimit);
          keys.push(...page.data.map((g) => `${g.reason}:${g.value}:${g.people.length}`));
          if (!page.nextCursor) return keys;
          cursor = page.nextCursor;
        }
        throw new Error('no end');
      });
    const all = await walk(100, 10_000);
    expect(all.length).toBeGreaterThan(2);
    for (const [limit, scanLimit] of [
      [1, 2],
      [2, 3],
      [100, 4],
      [1, 7],
    ] as const) {
      expect(await walk(limit, scanLimit), `limit ${limit}, window ${scanLimit}`).toEqual(all);
    }
  });

  it('checks a person not saved yet: external id, email, phone, similar name in a company', async () => {
    const saved = await createPerson({
      firstName: 'Tigran',
      lastName: 'Hakobyan',
      emails: [{ email: 'tigran@example.am' }],
      phones: [{ number: '+374 77 123456' }],
      externalIds: [{ source: 'pos', id: 'T-9' }],
      companyIds: [companyId],
    });
    const check = async (payload: object, session = owner) => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/people/duplicates/check',
        headers: as(session),
        payload,
      });
      expect(response.statusCode, response.body).toBe(200);
      return byPerson(response.json().data);
    };
    expect(await check({ externalIds: [{ source: 'pos', id: 'T-9' }] })).toEqual({
      [saved.id]: ['externalId'],
    });
    expect(
      await check({ emails: [{ email: 'TIGRAN@example.am' }], phones: [{ number: '+37477123456' }] }),
    ).toEqual({
      [saved.id]: ['email', 'phone'],
    });
    expect(await check({ firstName: 'Tigran', lastName: 'Hakobian', companyIds: [companyId] })).toEqual({
      [saved.id]: ['name'],
    });
    expect(await check({ firstName: 'Tigran', lastName: 'Hakobyan' })).toEqual({});
    expect(await check({ externalIds: [{ source: 'pos', id: 'T-9' }] }, other)).toEqual({});
  });
});
