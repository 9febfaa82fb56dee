import type { TPerson } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';

// Lists sorted on a custom field read the values in index order (`custom_field_values`,
// lib/filters/indexed-sort.ts): pages of any size must give every person once, in order, with ties
// by id and the people without a value last (by id, in the sort's direction), in both directions.
const { app } = await createTestApp();
let ws: TSession;
const as = () => ({ cookie: ws.cookie });

type TValue = number | string | null;
const people: { id: string; score: TValue; since: TValue; nick: TValue; at: TValue; vip: boolean }[] = [];

const SCORES = [
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
  1e21,
  2.5,
  -0.125,
  0,
  10,
  null,
  1,
  4,
  4,
  5,
  null,
  6,
];
const DATES = ['2024-03-01', null, '2023-12-31', '2024-03-01', null, '1999-01-01', '2030-06-15'];
const NICKS = ['bo', null, 'al', 'bob', 'al', 'zed', null, 'a', 'bo', 'mia'];
const TIMES = ['2026-01-01T10:00:00.123456Z', null, '2025-06-30T23:59:59Z', '2026-01-01T10:00:00.123456Z'];

async function createField(key: string, type: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/custom-fields',
    headers: as(),
    payload: { objectType: 'person', key, label: key, type },
  });
  expect(response.statusCode, response.body).toBe(201);
}

beforeAll(async () => {
  ws = await signUp(app, 'Custom sort');
  await createField('score', 'number');
  await createField('since', 'date');
  await createField('nick', 'text');
  await createField('at', 'datetime');
  for (const [i, score] of SCORES.entries()) {
    const row = {
      score,
      since: DATES[i % DATES.length] ?? null,
      nick: NICKS[i % NICKS.length] ?? null,
      at: TIMES[i % TIMES.length] ?? null,
    };
    const customFields = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null));
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: as(),
      payload: { firstName: `P${i}`, tags: i % 2 === 0 ? ['even'] : [], customFields },
    });
    expect(response.statusCode).toBe(201);
    people.push({ id: response.json().id, ...row, vip: i % 2 === 0 });
  }
});

/** Every page of the list, following nextCursor. */
async function walk(query: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/v1/people?limit=${limit}&${query}${cursor ? `&cursor=${cursor}` : ''}`;
    const page = await app.inject({ method: 'GET', url, headers: as() });
    expect(page.statusCode, page.body).toBe(200);
    const body = page.json() as { data: TPerson[]; nextCursor: string | null };
    seen.push(...body.data.map((p) => p.id));
    cursor = body.nextCursor;
  } while (cursor);
  return seen;
}

const asNumber = (key: 'score' | 'since' | 'nick' | 'at', v: TValue): number | string =>
  key === 'at' ? Date.parse(String(v)) : (v as number | string);

function expectedOrder(key: 'score' | 'since' | 'nick' | 'at', isDescending: boolean, onlyEven = false) {
  const byId = (a: string, b: string) => (isDescending ? b.localeCompare(a) : a.localeCompare(b));
  return people
    .filter((p) => !onlyEven || p.vip)
    .sort((a, b) => {
      const [va, vb] = [a[key], b[key]];
      if (va === null || vb === null) return va === vb ? byId(a.id, b.id) : va === null ? 1 : -1;
      const [x, y] = [asNumber(key, va), asNumber(key, vb)];
      if (x !== y) return (x < y ? -1 : 1) * (isDescending ? -1 : 1);
      return byId(a.id, b.id);
    })
    .map((p) => p.id);
}

describe('sorting on a custom field through its index', () => {
  for (const key of ['score', 'since', 'nick', 'at'] as const) {
    for (const isDescending of [false, true]) {
      const sort = `${isDescending ? '-' : ''}customFields.${key}`;
      it(`sort=${sort}: pages of 1, 3 and 50 give everyone once, ties by id, nulls last`, async () => {
        const expected = expectedOrder(key, isDescending);
        for (const limit of [1, 3, 50]) expect(await walk(`sort=${sort}`, limit)).toEqual(expected);
      });
    }
  }

  it('with a filter, the same order among the matching people only', async () => {
    const filter = encodeURIComponent(JSON.stringify({ field: 'tags', op: 'contains', value: 'even' }));
    for (const isDescending of [false, true]) {
      const sort = `${isDescending ? '-' : ''}customFields.score`;
      expect(await walk(`sort=${sort}&filter=${filter}`, 4)).toEqual(
        expectedOrder('score', isDescending, true),
      );
    }
  });

  it('a forged cursor is a 400 at cursor, for values and for the nulls', async () => {
    const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    for (const [sort, cursor] of [
      ['customFields.score', forged([1, 'not a number', '00000000-0000-0000-0000-000000000000'])],
      ['customFields.since', forged([1, '2024-02-30', '00000000-0000-0000-0000-000000000000'])],
      ['-customFields.nick', forged([0, '', 'not-a-uuid'])],
    ]) {
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/people?sort=${sort}&cursor=${cursor}`,
        headers: as(),
      });
      expect(errorOf(response, 400).details?.map((d) => d.path)).toEqual(['cursor']);
    }
  });
});
