import type { TPerson } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';

// "Select all N matching" while a search text is typed: the bulk action, the count and the list
// must select exactly the same people (one search condition, people-search-condition.ts).
const { app, db } = await createTestApp();
const as = (session: TSession) => ({ cookie: session.cookie });

let owner: TSession;
let salesA: TSession;
let salesB: TSession;
let salesOutside: TSession;
const people = new Map<string, TPerson>();

async function createPerson(payload: object): Promise<TPerson> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/people', headers: as(owner), payload });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json();
}

const bulk = (session: TSession, payload: object) =>
  app.inject({ method: 'POST', url: '/api/v1/people/bulk', headers: as(session), payload });

async function namesTagged(tag: string): Promise<string[]> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/people?tag=${tag}&limit=100&sort=firstName`,
    headers: as(owner),
  });
  return (response.json().data as TPerson[]).map((p) => p.firstName ?? '');
}

async function listAndCount(session: TSession, q: string) {
  const query = `q=${encodeURIComponent(q)}`;
  const list = await app.inject({
    method: 'GET',
    url: `/api/v1/people?${query}&limit=100`,
    headers: as(session),
  });
  const count = await app.inject({
    method: 'GET',
    url: `/api/v1/people/count?${query}`,
    headers: as(session),
  });
  return { listed: (list.json().data as TPerson[]).length, count: count.json().count as number };
}

beforeAll(async () => {
  owner = await signUp(app, 'Bulk search');
  [salesA, salesB, salesOutside] = [
    await addMember(app, db, owner, 'sales'),
    await addMember(app, db, owner, 'sales'),
    await addMember(app, db, owner, 'sales'),
  ];
  const team = (
    await app.inject({ method: 'POST', url: '/api/v1/teams', headers: as(owner), payload: { name: 'North' } })
  ).json() as { id: string };
  for (const member of [salesA, salesB]) {
    const joined = await app.inject({
      method: 'PUT',
      url: `/api/v1/members/${member.me.user?.id}/team`,
      headers: as(owner),
      payload: { teamId: team.id },
    });
    expect(joined.statusCode).toBe(204);
  }
  const ownerOf = (session: TSession) => session.me.user?.id;
  for (const [firstName, lastName, session, email] of [
    ['Anna', 'Petrosyan', salesA, null],
    ['Bob', 'Hannover', salesB, null],
    ['Carl', 'Smith', salesA, 'joanna@example.test'],
    ['Dora', 'Ivanova', salesOutside, null],
    ['Eve', 'Annaberg', owner, null],
    ['Fred', 'Nobody', salesA, null],
    ['Gus', '100% Pure', salesB, null],
  ] as const) {
    const person = await createPerson({
      firstName,
      lastName,
      ownerId: ownerOf(session),
      ...(email ? { emails: [{ email }] } : {}),
    });
    people.set(firstName, person);
  }
});

describe('bulk actions on all people matching a search text', () => {
  it('tag exactly the people the list and the count show for that search text', async () => {
    // "ann": first names, last names and emails, any case; Dora (Ivanova) does not match, Fred neither.
    expect(await listAndCount(owner, 'ann')).toEqual({ listed: 4, count: 4 });
    const tagged = await bulk(owner, { action: 'addTag', value: 'ann', filter: { and: [] }, q: 'ann' });
    expect(tagged.json()).toEqual({ affected: 4 });
    expect(await namesTagged('ann')).toEqual(['Anna', 'Bob', 'Carl', 'Eve']);

    // The search text and the filter together; `%` is a literal character as in the list.
    const both = await bulk(owner, {
      action: 'addTag',
      value: 'ann-sales-a',
      filter: { field: 'ownerId', op: 'eq', value: salesA.me.user?.id },
      q: 'ANN',
    });
    expect(both.json()).toEqual({ affected: 2 });
    expect(await namesTagged('ann-sales-a')).toEqual(['Anna', 'Carl']);
    expect(await listAndCount(owner, '0%')).toEqual({ listed: 1, count: 1 });
    const percent = await bulk(owner, { action: 'addTag', value: 'percent', filter: { and: [] }, q: '0%' });
    expect(percent.json()).toEqual({ affected: 1 });
    expect(await namesTagged('percent')).toEqual(['Gus']);

    // An empty search text is no search, as in the list.
    const all = await bulk(owner, { action: 'addTag', value: 'everyone', filter: { and: [] }, q: '  ' });
    expect(all.json()).toEqual({ affected: 7 });

    const audit = await db
      .selectFrom('auditLog')
      .select('after')
      .where('workspaceId', '=', owner.me.workspace.id)
      .where('action', '=', 'person.bulkUpdate')
      .execute();
    expect(audit.map((entry) => (entry.after as { q: string | null }).q).sort()).toEqual([
      '0%',
      'ANN',
      'ann',
      null,
    ]);
  });

  it('a team-scoped role reaches only its team’s matching people', async () => {
    expect(await listAndCount(salesA, 'ann')).toEqual({ listed: 3, count: 3 });
    const response = await bulk(salesA, {
      action: 'addTag',
      value: 'team-ann',
      filter: { and: [] },
      q: 'ann',
    });
    expect(response.json()).toEqual({ affected: 3 });
    // Anna (A), Bob (B, "Hannover"), Carl (A, by email); not Eve (the owner's) nor Dora.
    expect(await namesTagged('team-ann')).toEqual(['Anna', 'Bob', 'Carl']);
    const outside = await bulk(salesOutside, {
      action: 'addTag',
      value: 'out',
      filter: { and: [] },
      q: 'ann',
    });
    expect(outside.json()).toEqual({ affected: 0 });
  });

  it('a search text needs the filter form (it says nothing about given ids)', async () => {
    const anna = people.get('Anna')?.id ?? '';
    const response = await bulk(owner, { action: 'addTag', value: 'x', ids: [anna], q: 'ann' });
    expect(errorOf(response, 400).details?.map((d) => d.path)).toEqual(['q']);
  });
});
