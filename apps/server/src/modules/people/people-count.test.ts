import type { TPerson } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';
import { countCompaniesUpTo } from '../companies/companies-count.repository.ts';
import { countPeopleUpTo } from './people-count.repository.ts';

const { app, db } = await createTestApp();

let owner: TSession;
let sales: TSession;
let stranger: TSession;
const as = (session: TSession) => ({ cookie: session.cookie });

async function create(session: TSession, url: string, payload: object): Promise<TPerson> {
  const response = await app.inject({ method: 'POST', url, headers: as(session), payload });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json();
}

const count = (session: TSession, url: string, query: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, query, headers: as(session) });

const tagged = (tag: string) => JSON.stringify({ and: [{ field: 'tags', op: 'contains', value: tag }] });

beforeAll(async () => {
  owner = await signUp(app, 'Counting');
  sales = await addMember(app, db, owner, 'sales');
  stranger = await signUp(app, 'Counting elsewhere');
  await create(owner, '/api/v1/custom-fields', {
    objectType: 'person',
    key: 'tier',
    label: 'Tier',
    type: 'text',
  });
  for (const [firstName, tags, tier] of [
    ['Nare', ['vip'], 'gold'],
    ['Gohar', ['vip'], 'silver'],
    ['Aram', ['vip', 'wine'], 'gold'],
    ['Levon', [], null],
  ] as const) {
    await create(owner, '/api/v1/people', { firstName, tags, customFields: tier ? { tier } : {} });
  }
  await create(sales, '/api/v1/people', { firstName: 'Sales own', tags: ['vip'] });
  await create(stranger, '/api/v1/people', { firstName: 'Elsewhere', tags: ['vip'] });
  for (const [name, industry] of [
    ['Ararat Foods', 'Food'],
    ['Sevan Fish', 'Food'],
    ['Shirak Textiles', 'Textiles'],
  ]) {
    await create(owner, '/api/v1/companies', { name, industry });
  }
  await create(stranger, '/api/v1/companies', { name: 'Other Foods', industry: 'Food' });
});

describe('GET /api/v1/people/count and /api/v1/companies/count', () => {
  it('counts what the list with the same filters shows, in this workspace and record scope only', async () => {
    expect((await count(owner, '/api/v1/people/count')).json()).toEqual({ count: 5, isExact: true });
    expect((await count(owner, '/api/v1/people/count', { filter: tagged('vip') })).json()).toEqual({
      count: 4,
      isExact: true,
    });
    const goldVip = JSON.stringify({
      and: [
        { field: 'tags', op: 'contains', value: 'vip' },
        { field: 'customFields.tier', op: 'eq', value: 'gold' },
      ],
    });
    expect((await count(owner, '/api/v1/people/count', { filter: goldVip })).json().count).toBe(2);
    expect((await count(owner, '/api/v1/people/count', { q: 'nare' })).json().count).toBe(1);
    expect((await count(owner, '/api/v1/people/count', { tag: 'wine' })).json().count).toBe(1);
    expect((await count(owner, '/api/v1/people/count', { 'cf.tier': 'gold' })).json().count).toBe(2);
    // "own" scope: sales counts only its own people.
    expect((await count(sales, '/api/v1/people/count', { filter: tagged('vip') })).json().count).toBe(1);
    expect((await count(stranger, '/api/v1/people/count')).json().count).toBe(1);

    expect((await count(owner, '/api/v1/companies/count')).json()).toEqual({ count: 3, isExact: true });
    const food = JSON.stringify({ and: [{ field: 'industry', op: 'eq', value: 'Food' }] });
    expect((await count(owner, '/api/v1/companies/count', { filter: food })).json().count).toBe(2);
    expect((await count(owner, '/api/v1/companies/count', { q: 'sevan' })).json().count).toBe(1);
  });

  it("applies a saved view's filter", async () => {
    const view = await app.inject({
      method: 'POST',
      url: '/api/v1/views',
      headers: as(owner),
      payload: { objectType: 'person', name: 'Wine lovers', filter: JSON.parse(tagged('wine')) },
    });
    expect(view.statusCode, view.body).toBe(201);
    const response = await count(owner, '/api/v1/people/count', { viewId: view.json().id });
    expect(response.json()).toEqual({ count: 1, isExact: true });
  });

  it('stops reading at the cap + 1 (the service reports the cap as "at least")', async () => {
    const trx = db as unknown as Parameters<typeof countPeopleUpTo>[0];
    const workspaceId = owner.me.workspace.id;
    expect(await countPeopleUpTo(trx, { workspaceId }, 100)).toBe(5);
    expect(await countPeopleUpTo(trx, { workspaceId }, 2)).toBe(3);
    expect(await countCompaniesUpTo(trx, { workspaceId }, 1)).toBe(2);
  });

  it('refuses a bad filter with its path, unknown fields, and unauthenticated calls', async () => {
    const bad = await count(owner, '/api/v1/people/count', {
      filter: '{"and":[{"field":"nope","op":"eq"}]}',
    });
    expect(errorOf(bad, 400).details?.[0]?.path).toMatch(/^filter/);
    const badJson = await count(owner, '/api/v1/companies/count', { filter: '{not json' });
    expect(errorOf(badJson, 400).code).toBe('VALIDATION_FAILED');
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/people/count' });
    expect(anonymous.statusCode).toBe(401);
    const foreignView = await count(stranger, '/api/v1/people/count', {
      viewId: '0190d2a4-0000-7000-8000-000000000000',
    });
    expect(errorOf(foreignView, 404).code).toBe('NOT_FOUND');
  });
});
