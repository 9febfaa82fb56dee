import { PERSON_SORTS, type TPerson } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TSession } from '../../../../../test/helpers.ts';

const { app } = await createTestApp();

let owner: TSession;
let everyone: TPerson[] = [];

// Repeated and missing names, so ties are broken by id; names whose order is the same in every
// collation (capitalised ASCII), so the expected order can be computed here.
const FIRST_NAMES = ['Ana', 'Bob', null, 'Ana', 'Cyd', 'Dora', null, 'Bob'];
const LAST_NAMES = ['Kay', null, 'Lee', 'Kay', 'Moe', null, 'Ng', 'Oz', 'Lee'];
const COUNT = 25;

beforeAll(async () => {
  owner = await signUp(app);
  for (let i = 0; i < COUNT; i++) {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { cookie: owner.cookie },
      payload: {
        firstName: FIRST_NAMES[i % FIRST_NAMES.length],
        lastName: LAST_NAMES[i % LAST_NAMES.length],
        emails: [{ email: `page${i}@example.test` }],
      },
    });
    expect(response.statusCode).toBe(201);
  }
  // Touch a few, so updatedAt differs from createdAt order.
  const all = await app.inject({
    method: 'GET',
    url: '/api/v1/people?limit=500&sort=createdAt',
    headers: { cookie: owner.cookie },
  });
  for (const person of (all.json().data as TPerson[]).filter((_, i) => i % 4 === 0)) {
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${person.id}`,
      headers: { cookie: owner.cookie },
      payload: { phones: [{ number: '+995 555 000000' }] },
    });
  }
  const fresh = await app.inject({
    method: 'GET',
    url: '/api/v1/people?limit=500',
    headers: { cookie: owner.cookie },
  });
  everyone = fresh.json().data;
  expect(everyone).toHaveLength(COUNT);
});

const keyOf = (person: TPerson, field: (typeof PERSON_SORTS)[number]): string => {
  switch (field) {
    case 'createdAt':
      return person.createdAt;
    case 'updatedAt':
      return person.updatedAt;
    case 'firstName':
      return person.firstName ?? '';
    case 'lastName':
      return person.lastName ?? '';
    case 'displayName':
      return person.displayName;
  }
};

function expectedOrder(sort: string): string[] {
  const isDescending = sort.startsWith('-');
  const field = (isDescending ? sort.slice(1) : sort) as (typeof PERSON_SORTS)[number];
  const sorted = [...everyone].sort((a, b) => {
    const ka = keyOf(a, field);
    const kb = keyOf(b, field);
    const byKey = ka < kb ? -1 : ka > kb ? 1 : 0;
    return byKey !== 0 ? byKey : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return (isDescending ? sorted.reverse() : sorted).map((p) => p.id);
}

const SORTS = PERSON_SORTS.flatMap((s) => [s, `-${s}`]);

describe('keyset pagination of people', () => {
  it.each(SORTS)('sort=%s: pages of 10 cover everyone once, in order', async (sort) => {
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const query: string = `/api/v1/people?limit=10&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await app.inject({ method: 'GET', url: query, headers: { cookie: owner.cookie } });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json() as { data: TPerson[]; nextCursor: string | null };
      pageSizes.push(body.data.length);
      seen.push(...body.data.map((p) => p.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(pageSizes).toEqual([10, 10, 5]);
    expect(new Set(seen).size).toBe(COUNT);
    expect(seen).toEqual(expectedOrder(sort));
  });

  it('a page that ends exactly at the last row says there is no next page', async () => {
    const first = await app.inject({
      method: 'GET',
      url: '/api/v1/people?limit=20',
      headers: { cookie: owner.cookie },
    });
    const second = await app.inject({
      method: 'GET',
      url: `/api/v1/people?limit=5&cursor=${first.json().nextCursor}`,
      headers: { cookie: owner.cookie },
    });
    expect(second.json().data).toHaveLength(5);
    expect(second.json().nextCursor).toBeNull();
  });

  it('pages a filtered list too', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/people?q=ana&limit=3&sort=lastName${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await app.inject({ method: 'GET', url, headers: { cookie: owner.cookie } });
      const body = response.json() as { data: TPerson[]; nextCursor: string | null };
      all.push(...body.data.map((p) => p.id));
      cursor = body.nextCursor;
    } while (cursor);
    const expected = expectedOrder('lastName').filter(
      (id) => everyone.find((p) => p.id === id)?.firstName === 'Ana',
    );
    expect(all).toEqual(expected);
    expect(all.length).toBeGreaterThan(3);
  });
});
