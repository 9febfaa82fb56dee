import type { TPerson } from '@kap/shared';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';

const { app, db } = await createTestApp();

let owner: TSession;
let companyId = '';
const headers = () => ({ cookie: owner.cookie });

async function post(url: string, payload: unknown): Promise<{ id: string }> {
  const response = await app.inject({ method: 'POST', url, headers: headers(), payload: payload as object });
  if (response.statusCode !== 201) throw new Error(`${url}: ${response.body}`);
  return response.json();
}

const list = (filter: unknown, extra = '') =>
  app.inject({
    method: 'GET',
    url: `/api/v1/people?limit=500&filter=${encodeURIComponent(typeof filter === 'string' ? filter : JSON.stringify(filter))}${extra}`,
    headers: headers(),
  });

async function names(filter: unknown): Promise<string[]> {
  const response = await list(filter);
  if (response.statusCode !== 200) throw new Error(response.body);
  return (response.json().data as TPerson[]).map((p) => p.firstName ?? '').sort();
}

beforeAll(async () => {
  owner = await signUp(app);
  const fields: [string, string, string[]?][] = [
    ['score', 'number'],
    ['revenue', 'currency'],
    ['since', 'date'],
    ['lastSeen', 'datetime'],
    ['vip', 'boolean'],
    ['tier', 'select', ['gold', 'silver', 'bronze']],
    ['langs', 'multiSelect', ['en', 'hy', 'ka']],
    ['nick', 'text'],
  ];
  for (const [key, type, options] of fields) {
    await post('/api/v1/custom-fields', { objectType: 'person', key, label: key, type, options });
  }
  companyId = (await post('/api/v1/companies', { name: 'Acme' })).id;
  await post('/api/v1/people', {
    firstName: 'José',
    lastName: 'Álvarez',
    emails: [{ email: 'jose@acme.test' }],
    tags: ['vip'],
    interests: ['golf'],
    lifecycleStage: 'lead',
    birthDate: '1990-05-01',
    addresses: [{ city: 'Yerevan', country: 'AM' }],
    companyIds: [companyId],
    customFields: {
      score: 10,
      revenue: { amount: '100.50', currency: 'EUR' },
      since: '2024-01-15',
      lastSeen: '2026-01-01T10:00:00Z',
      vip: true,
      tier: 'gold',
      langs: ['en', 'hy'],
      nick: 'Pepe',
    },
  });
  await post('/api/v1/people', {
    firstName: 'Ana',
    lastName: 'Kay',
    emails: [{ email: 'ana@beta.test' }],
    lifecycleStage: 'customer',
    birthDate: '1985-03-03',
    addresses: [{ city: 'Vilnius', country: 'LT' }],
    customFields: {
      score: 2.5,
      revenue: { amount: '99', currency: 'USD' },
      since: '2023-06-01',
      vip: false,
      tier: 'silver',
      langs: ['ka'],
    },
  });
  await post('/api/v1/people', { firstName: 'Zed', customFields: { score: -3 } });
  const old = await post('/api/v1/people', { firstName: 'Old' });
  // Relative dates need a record from the past: only SQL can set created_at.
  await sql`update people set created_at = now() - interval '60 days' where id = ${old.id}::uuid`.execute(db);
});

const c = (field: string, op: string, value?: unknown) =>
  value === undefined ? { field, op } : { field, op, value };

describe('filter ops on standard fields', () => {
  it.each([
    [c('lifecycleStage', 'eq', 'lead'), ['José']],
    [c('lifecycleStage', 'neq', 'lead'), ['Ana', 'Old', 'Zed']],
    [c('lifecycleStage', 'in', ['lead', 'customer']), ['Ana', 'José']],
    [c('lifecycleStage', 'notIn', ['lead']), ['Ana', 'Old', 'Zed']],
    [c('lifecycleStage', 'isEmpty'), ['Old', 'Zed']],
    [c('lifecycleStage', 'isNotEmpty'), ['Ana', 'José']],
    [c('firstName', 'contains', 'JOSE'), ['José']],
    [c('lastName', 'contains', 'alva'), ['José']],
    [c('displayName', 'eq', 'Ana Kay'), ['Ana']],
    [c('emails', 'contains', 'acme'), ['José']],
    [c('emails', 'eq', 'ANA@beta.test'), ['Ana']],
    [c('emails', 'isEmpty'), ['Old', 'Zed']],
    [c('tags', 'contains', 'vip'), ['José']],
    [c('tags', 'isEmpty'), ['Ana', 'Old', 'Zed']],
    [c('interests', 'in', ['chess', 'golf']), ['José']],
    [c('interests', 'notIn', ['golf']), ['Ana', 'Old', 'Zed']],
    [c('birthDate', 'before', '1989-01-01'), ['Ana']],
    [c('birthDate', 'gte', '1990-05-01'), ['José']],
    [c('birthDate', 'between', ['1980-01-01', '1995-01-01']), ['Ana', 'José']],
    [c('city', 'eq', 'Yerevan'), ['José']],
    [c('city', 'contains', 'vil'), ['Ana']],
    [c('country', 'in', ['lt']), ['Ana']],
    [c('country', 'isEmpty'), ['Old', 'Zed']],
    [c('createdAt', 'inLast', { amount: 30, unit: 'days' }), ['Ana', 'José', 'Zed']],
    [c('createdAt', 'notInLast', { amount: 30, unit: 'days' }), ['Old']],
    [c('createdAt', 'after', '2000-01-01'), ['Ana', 'José', 'Old', 'Zed']],
    [c('updatedAt', 'inLast', { amount: 1, unit: 'hours' }), ['Ana', 'José', 'Old', 'Zed']],
  ])('%j', async (filter, expected) => {
    expect(await names(filter)).toEqual(expected);
  });

  it('companyIds and ownerId', async () => {
    expect(await names(c('companyIds', 'eq', companyId))).toEqual(['José']);
    expect(await names(c('companyIds', 'isEmpty'))).toEqual(['Ana', 'Old', 'Zed']);
    expect(await names(c('companyIds', 'notIn', [companyId]))).toEqual(['Ana', 'Old', 'Zed']);
    expect(await names(c('ownerId', 'eq', owner.me.user?.id))).toEqual(['Ana', 'José', 'Old', 'Zed']);
    expect(await names(c('ownerId', 'isEmpty'))).toEqual([]);
  });
});

describe('filter ops on custom fields', () => {
  it.each([
    [c('customFields.score', 'gt', 2), ['Ana', 'José']],
    [c('customFields.score', 'lte', '2.5'), ['Ana', 'Zed']],
    [c('customFields.score', 'between', [0, 5]), ['Ana']],
    [c('customFields.score', 'in', [10, -3]), ['José', 'Zed']],
    [c('customFields.score', 'isEmpty'), ['Old']],
    [c('customFields.revenue', 'gte', 100), ['José']],
    [c('customFields.revenue', 'lt', 100), ['Ana']],
    [c('customFields.since', 'after', '2023-12-31'), ['José']],
    [c('customFields.since', 'inLast', { amount: 100, unit: 'years' }), ['Ana', 'José']],
    [c('customFields.lastSeen', 'before', '2026-06-01T00:00:00Z'), ['José']],
    [c('customFields.lastSeen', 'isEmpty'), ['Ana', 'Old', 'Zed']],
    [c('customFields.vip', 'eq', true), ['José']],
    [c('customFields.vip', 'eq', false), ['Ana']],
    [c('customFields.vip', 'isEmpty'), ['Old', 'Zed']],
    [c('customFields.tier', 'in', ['gold', 'silver']), ['Ana', 'José']],
    [c('customFields.tier', 'eq', 'gold'), ['José']],
    [c('customFields.tier', 'contains', 'SIL'), ['Ana']],
    [c('customFields.langs', 'contains', 'hy'), ['José']],
    [c('customFields.langs', 'in', ['ka', 'hy']), ['Ana', 'José']],
    [c('customFields.langs', 'notIn', ['ka']), ['José', 'Old', 'Zed']],
    [c('customFields.langs', 'isEmpty'), ['Old', 'Zed']],
    [c('customFields.nick', 'contains', 'pep'), ['José']],
  ])('%j', async (filter, expected) => {
    expect(await names(filter)).toEqual(expected);
  });

  it('nests and/or', async () => {
    const filter = {
      and: [
        { or: [c('customFields.tier', 'eq', 'gold'), c('customFields.tier', 'eq', 'silver')] },
        c('lifecycleStage', 'eq', 'customer'),
      ],
    };
    expect(await names(filter)).toEqual(['Ana']);
    expect(
      await names({ or: [c('firstName', 'eq', 'Zed'), { and: [c('tags', 'contains', 'vip')] }] }),
    ).toEqual(['José', 'Zed']);
    expect(await names({ and: [] })).toEqual(['Ana', 'José', 'Old', 'Zed']);
  });

  it('combines with the older query parameters', async () => {
    const response = await list(c('customFields.score', 'gt', 0), '&lifecycleStage=lead');
    expect((response.json().data as TPerson[]).map((p) => p.firstName)).toEqual(['José']);
  });
});

describe('bad filters', () => {
  it.each([
    [{ and: [c('nope', 'eq', 'x')] }, ['filter.and.0.field']],
    [{ and: [c('customFields.unknown', 'eq', 'x')] }, ['filter.and.0.field']],
    [{ and: [c('tags', 'gt', 'x')] }, ['filter.and.0.op']],
    [{ and: [c('customFields.vip', 'contains', 'x')] }, ['filter.and.0.op']],
    [{ and: [c('customFields.score', 'gt', 'abc')] }, ['filter.and.0.value']],
    [c('customFields.tier', 'eq', 'platinum'), ['filter.value']],
    [{ or: [c('createdAt', 'inLast', { amount: 3, unit: 'fortnights' })] }, ['filter.or.0.value.unit']],
    [{ and: [c('birthDate', 'between', ['2000-02-30', '2001-01-01'])] }, ['filter.and.0.value.0']],
    [
      { and: [c('ownerId', 'eq', 'not-an-id'), c('firstName', 'isEmpty', 'x')] },
      ['filter.and.0.value', 'filter.and.1.value'],
    ],
    [{ and: [{ field: 'firstName', op: 'like', value: 'x' }] }, ['filter.and.0.op']],
    [{ and: {} }, ['filter.and']],
    [{ and: [], or: [] }, ['filter.or']],
    ['not json', ['filter']],
    [{ and: [c('lifecycleStage', 'in', [])] }, ['filter.and.0.value']],
  ])('%j', async (filter, paths) => {
    const error = errorOf(await list(filter), 400);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details?.map((d) => d.path)).toEqual(paths);
  });

  it('an unknown sort field is a 400 at query.sort; tags cannot be sorted on', async () => {
    const unknown = await app.inject({ method: 'GET', url: '/api/v1/people?sort=nope', headers: headers() });
    expect(errorOf(unknown, 400).details?.map((d) => d.path)).toEqual(['query.sort']);
    const tags = await app.inject({ method: 'GET', url: '/api/v1/people?sort=-tags', headers: headers() });
    expect(errorOf(tags, 400).details?.map((d) => d.path)).toEqual(['query.sort']);
  });
});

describe('sort on custom fields', () => {
  it('keyset pages cover everyone once, nulls last, ties by id, both directions', async () => {
    const other = await signUp(app);
    const as = { cookie: other.cookie };
    await app.inject({
      method: 'POST',
      url: '/api/v1/custom-fields',
      headers: as,
      payload: { objectType: 'person', key: 'rank', label: 'Rank', type: 'number' },
    });
    const values = [
      3,
      null,
      1,
      3,
      2.5,
      null,
      -1,
      3,
      0,
      1,
      null,
      7,
      2.5,
      3,
      0,
      10,
      null,
      1,
      4,
      4,
      5,
      null,
      6,
      3,
      1,
    ];
    const byId = new Map<string, number | null>();
    for (const [i, rank] of values.entries()) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: as,
        payload: { firstName: `P${i}`, customFields: rank === null ? {} : { rank } },
      });
      byId.set(response.json().id, rank);
    }
    for (const sort of ['customFields.rank', '-customFields.rank']) {
      const isDescending = sort.startsWith('-');
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/people?limit=4&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await app.inject({ method: 'GET', url, headers: as });
        expect(page.statusCode).toBe(200);
        const body = page.json() as { data: TPerson[]; nextCursor: string | null };
        seen.push(...body.data.map((p) => p.id));
        cursor = body.nextCursor;
      } while (cursor);
      const expected = [...byId.entries()]
        .sort(([idA, a], [idB, b]) => {
          if (a === null || b === null)
            return a === b
              ? isDescending
                ? idB.localeCompare(idA)
                : idA.localeCompare(idB)
              : a === null
                ? 1
                : -1;
          if (a !== b) return isDescending ? b - a : a - b;
          return isDescending ? idB.localeCompare(idA) : idA.localeCompare(idB);
        })
        .map(([id]) => id);
      expect(seen).toEqual(expected);
    }
  });

  it('a forged custom-sort cursor is a 400', async () => {
    const cursor = Buffer.from(JSON.stringify([1, 'abc', '00000000-0000-0000-0000-000000000000'])).toString(
      'base64url',
    );
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/people?sort=customFields.score&cursor=${cursor}`,
      headers: headers(),
    });
    expect(errorOf(response, 400).details?.map((d) => d.path)).toEqual(['cursor']);
  });

  it('sorts on standard nullable fields too (birthDate)', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/people?sort=-birthDate',
      headers: headers(),
    });
    expect((response.json().data as TPerson[]).map((p) => p.firstName).slice(0, 2)).toEqual(['José', 'Ana']);
  });
});
