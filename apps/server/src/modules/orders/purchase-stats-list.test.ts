import type { TPerson } from '@kap/shared';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, signUp, type TSession } from '../../../../../test/helpers.ts';
import { compileFilter } from '../../lib/filters/index.ts';
import { ordersKit } from './orders-test-kit.ts';
import { purchaseStatsFields } from './purchase-stats-filters.ts';

// Purchase stats in the people list as index lookups and index-driven sorts (migration 0021):
// every filter must find exactly the people the exact stats say, and every sort must list each
// person once across pages, customers without a value last.
const { app, db } = await createTestApp();
const kit = ordersKit(app);

type TStats = {
  orderCount: number;
  lifetimeRevenue: string;
  averageOrderValue: string;
  firstPurchaseAt: string | null;
  lastPurchaseAt: string | null;
  favouriteChannel: string | null;
  favouriteCategories: string[];
};

let owner: TSession;
let rep: TSession;
const stats = new Map<string, TStats>();
const repPeople = new Set<string>();
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

beforeAll(async () => {
  owner = await signUp(app, 'Stats lists');
  // A team-scope role without a team: the rep sees only the people she owns.
  rep = await addMember(app, db, owner, 'sales');
  const shoe = await kit.createProduct(owner, {
    sku: 'SL-SHOE',
    name: 'Shoe',
    category: 'Shoes',
    price: '20.00',
    currency: 'EUR',
  });
  const hat = await kit.createProduct(owner, {
    sku: 'SL-HAT',
    name: 'Hat',
    category: 'Hats',
    price: '5.50',
    currency: 'EUR',
  });
  // [who creates, orders as [amount, channel, days ago, product?]]: ties on 20.00 and on 1000 vs 1000.01.
  const plan: [TSession, [string, string, number, string?][]][] = [
    [owner, [['1000.00', 'store', 400]]],
    [owner, [['1000.01', 'online', 10]]],
    [owner, [['20.00', 'store', 3, shoe.id]]],
    [owner, [['20.00', 'online', 3, shoe.id]]],
    [
      owner,
      [
        ['5.50', 'online', 50, hat.id],
        ['14.50', 'online', 20, shoe.id],
      ],
    ],
    [owner, [['0.10', 'phone', 800]]],
    [owner, []],
    [owner, []],
    [rep, [['20.00', 'store', 5, shoe.id]]],
    [rep, [['300.00', 'online', 100]]],
    [rep, []],
  ];
  let n = 0;
  for (const [session, orders] of plan) {
    n += 1;
    const person = await kit.createPerson(session, `Buyer ${n}`);
    if (session === rep) repPeople.add(person);
    for (const [amount, channel, days, productId] of orders) {
      const lines = productId
        ? [{ productId, quantity: '1', unitPrice: amount }]
        : [{ description: 'Item', quantity: '1', unitPrice: amount }];
      await kit.createOrder(owner, {
        channel,
        occurredAt: daysAgo(days),
        currency: 'EUR',
        personId: person,
        lines,
      });
    }
    stats.set(person, await kit.statsOf(owner, 'people', person));
  }
  // Another workspace's buyer never shows up.
  const other = await signUp(app, 'Stats lists other');
  const stranger = await kit.createPerson(other, 'Stranger');
  await kit.createOrder(other, kit.simpleOrder({ personId: stranger }, '5000.00'));
});

const listAll = async (session: TSession, filter: object | null, sort = '', limit = 100) => {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = [
      `limit=${limit}`,
      filter ? `filter=${encodeURIComponent(JSON.stringify(filter))}` : '',
      sort ? `sort=${sort}` : '',
      cursor ? `cursor=${encodeURIComponent(cursor)}` : '',
    ]
      .filter(Boolean)
      .join('&');
    const response = await kit.call('GET', `/api/v1/people?${query}`, session);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as { data: TPerson[]; nextCursor: string | null };
    ids.push(...page.data.map((p) => p.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
};

const visibleTo = (session: TSession) =>
  [...stats.keys()].filter((id) => session === owner || repPeople.has(id));
const matching = (session: TSession, test: (s: TStats) => boolean) =>
  visibleTo(session)
    .filter((id) => test(stats.get(id) as TStats))
    .sort();
const time = (value: string | null) => (value === null ? null : Date.parse(value));
const since30 = Date.now() - 30 * 86_400_000;

const FILTERS: [object, (s: TStats) => boolean][] = [
  [{ field: 'lifetimeRevenue', op: 'gt', value: '1000' }, (s) => Number(s.lifetimeRevenue) > 1000],
  [{ field: 'lifetimeRevenue', op: 'gte', value: 1000.01 }, (s) => Number(s.lifetimeRevenue) >= 1000.01],
  [{ field: 'lifetimeRevenue', op: 'lt', value: '1000.01' }, (s) => Number(s.lifetimeRevenue) < 1000.01],
  [{ field: 'lifetimeRevenue', op: 'lte', value: '0.1' }, (s) => Number(s.lifetimeRevenue) <= 0.1],
  [{ field: 'lifetimeRevenue', op: 'eq', value: '20' }, (s) => Number(s.lifetimeRevenue) === 20],
  [
    { field: 'lifetimeRevenue', op: 'in', value: ['20.00', '0.10'] },
    (s) => ['20.00', '0.10'].includes(s.lifetimeRevenue),
  ],
  [
    { field: 'lifetimeRevenue', op: 'between', value: ['20', '1000'] },
    (s) => Number(s.lifetimeRevenue) >= 20 && Number(s.lifetimeRevenue) <= 1000,
  ],
  [{ field: 'lifetimeRevenue', op: 'between', value: ['-1', '20'] }, (s) => Number(s.lifetimeRevenue) <= 20],
  [{ field: 'orderCount', op: 'gte', value: 2 }, (s) => s.orderCount >= 2],
  [{ field: 'orderCount', op: 'gt', value: '0.5' }, (s) => s.orderCount > 0.5],
  [{ field: 'orderCount', op: 'eq', value: 0 }, (s) => s.orderCount === 0],
  [{ field: 'orderCount', op: 'lte', value: 1 }, (s) => s.orderCount <= 1],
  [
    { field: 'averageOrderValue', op: 'gt', value: '10' },
    (s) => s.orderCount > 0 && Number(s.averageOrderValue) > 10,
  ],
  [
    { field: 'averageOrderValue', op: 'lt', value: '10.01' },
    (s) => s.orderCount > 0 && Number(s.averageOrderValue) < 10.01,
  ],
  [
    { field: 'lastPurchaseAt', op: 'inLast', value: { amount: 30, unit: 'days' } },
    (s) => (time(s.lastPurchaseAt) ?? 0) >= since30,
  ],
  [
    { field: 'firstPurchaseAt', op: 'before', value: daysAgo(60) },
    (s) => (time(s.firstPurchaseAt) ?? Number.POSITIVE_INFINITY) < Date.now() - 60 * 86_400_000,
  ],
  [
    { field: 'firstPurchaseAt', op: 'between', value: [daysAgo(200), daysAgo(4)] },
    (s) => {
      const t = time(s.firstPurchaseAt);
      return t !== null && t >= Date.now() - 200 * 86_400_000 - 60_000 && t <= Date.now() - 4 * 86_400_000;
    },
  ],
  [{ field: 'favouriteChannel', op: 'eq', value: 'online' }, (s) => s.favouriteChannel === 'online'],
  [
    { field: 'favouriteChannel', op: 'in', value: ['store', 'phone'] },
    (s) => ['store', 'phone'].includes(`${s.favouriteChannel}`),
  ],
  [
    { field: 'favouriteCategories', op: 'contains', value: 'Shoes' },
    (s) => s.favouriteCategories.includes('Shoes'),
  ],
  [
    { field: 'favouriteCategories', op: 'in', value: ['Hats', 'Bags'] },
    (s) => s.favouriteCategories.includes('Hats'),
  ],
];

describe('purchase stats filters in the people list', () => {
  it('compile the conditions no customer without orders meets to stats index lookups', () => {
    const fields = purchaseStatsFields('person')({
      workspaceId: '00000000-0000-0000-0000-000000000000',
      recordId: sql`people.id`,
    });
    const compiled = (filter: object) => compileFilter(filter, (name) => fields[name]).compile(db).sql;
    const revenue = compiled({ field: 'lifetimeRevenue', op: 'gt', value: '1000' });
    expect(revenue).toContain('people.id in (select');
    expect(revenue).toContain(
      '("s"."lifetime_revenue_f8" >= $2::float8) and ("s"."lifetime_revenue_f8" <> $3::float8 or ("s"."lifetime_revenue" > $4::numeric))',
    );
    expect(compiled({ field: 'lastPurchaseAt', op: 'inLast', value: { amount: 7, unit: 'days' } })).toContain(
      'people.id in (select',
    );
    expect(compiled({ field: 'favouriteChannel', op: 'eq', value: 'online' })).toContain(
      'people.id in (select',
    );
    // 0 meets these, and customers without a stats row read 0: compared per record.
    for (const filter of [
      { field: 'orderCount', op: 'eq', value: 0 },
      { field: 'lifetimeRevenue', op: 'lt', value: '5' },
      { field: 'lifetimeRevenue', op: 'between', value: ['-1', '1'] },
    ]) {
      expect(compiled(filter)).not.toContain('people.id in (select');
    }
  });

  it('find exactly the people whose exact stats match, for the owner and a rep', async () => {
    for (const session of [owner, rep]) {
      for (const [filter, test] of FILTERS) {
        const found = (await listAll(session, filter)).sort();
        expect(found, JSON.stringify(filter)).toEqual(matching(session, test));
      }
    }
  });
});

const SORTS: [string, (s: TStats) => number | string | null][] = [
  ['lifetimeRevenue', (s) => (s.orderCount > 0 ? Number(s.lifetimeRevenue) : null)],
  ['orderCount', (s) => (s.orderCount > 0 ? s.orderCount : null)],
  ['averageOrderValue', (s) => (s.orderCount > 0 ? Number(s.averageOrderValue) : null)],
  ['firstPurchaseAt', (s) => time(s.firstPurchaseAt)],
  ['lastPurchaseAt', (s) => time(s.lastPurchaseAt)],
  ['favouriteChannel', (s) => s.favouriteChannel],
];

/** Values in the direction, ties by id in the same direction, then people without a value by id. */
function expectedOrder(
  session: TSession,
  statOf: (s: TStats) => number | string | null,
  isDescending: boolean,
) {
  const sign = isDescending ? -1 : 1;
  const rows = visibleTo(session).map((id) => ({ id, value: statOf(stats.get(id) as TStats) }));
  const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  return rows
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        if (a.value !== b.value) return a.value === null ? 1 : -1;
        return sign * compare(a.id, b.id);
      }
      return sign * (compare(a.value, b.value) || compare(a.id, b.id));
    })
    .map((row) => row.id);
}

describe('purchase stats sorts in the people list', () => {
  it('list everyone once across pages of 2, in value order with ties by id and no-value last', async () => {
    for (const session of [owner, rep]) {
      for (const [field, statOf] of SORTS) {
        for (const isDescending of [false, true]) {
          const listed = await listAll(session, null, `${isDescending ? '-' : ''}${field}`, 2);
          expect(listed, `${field} ${isDescending ? 'desc' : 'asc'}`).toEqual(
            expectedOrder(session, statOf, isDescending),
          );
        }
      }
    }
  });

  it('combine with a stats filter', async () => {
    const listed = await listAll(owner, { field: 'orderCount', op: 'gte', value: 1 }, '-lifetimeRevenue', 3);
    const buyers = new Set(matching(owner, (s) => s.orderCount >= 1));
    expect(listed).toEqual(
      expectedOrder(owner, SORTS[0]?.[1] ?? (() => null), true).filter((id) => buyers.has(id)),
    );
  });
});

describe('purchase stats in the company list', () => {
  it('filter through the stats index and sort with companies without orders last', async () => {
    const session = await signUp(app, 'Stats company lists');
    const amounts = ['99.99', '100.00', '100.00', null, null];
    const companies: { id: string; revenue: number | null }[] = [];
    for (const [i, amount] of amounts.entries()) {
      const id = await kit.createCompany(session, `Buyer Co ${i}`);
      if (amount) await kit.createOrder(session, kit.simpleOrder({ companyId: id }, amount));
      companies.push({ id, revenue: amount === null ? null : Number(amount) });
    }
    const list = async (query: string) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const response = await kit.call(
          'GET',
          `/api/v1/companies?limit=2&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          session,
        );
        expect(response.statusCode, response.body).toBe(200);
        const page = response.json() as { data: { id: string }[]; nextCursor: string | null };
        ids.push(...page.data.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    };
    const filter = encodeURIComponent(JSON.stringify({ field: 'lifetimeRevenue', op: 'gt', value: '99.99' }));
    expect((await list(`filter=${filter}`)).sort()).toEqual(
      companies
        .filter((c) => (c.revenue ?? 0) > 99.99)
        .map((c) => c.id)
        .sort(),
    );
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    const buyers = companies.filter((c) => c.revenue !== null);
    const idle = companies.filter((c) => c.revenue === null);
    const asc = [...buyers].sort((a, b) => (a.revenue ?? 0) - (b.revenue ?? 0) || byId(a, b));
    const desc = [...buyers].sort((a, b) => (b.revenue ?? 0) - (a.revenue ?? 0) || byId(b, a));
    expect(await list('sort=lifetimeRevenue')).toEqual([...asc, ...[...idle].sort(byId)].map((c) => c.id));
    expect(await list('sort=-lifetimeRevenue')).toEqual(
      [...desc, ...[...idle].sort((a, b) => byId(b, a))].map((c) => c.id),
    );
  });
});

describe('purchase stats filters on amounts float8 cannot tell apart', () => {
  it('decide on the exact value where the float8 copies are equal', async () => {
    const session = await signUp(app, 'Stats float edges');
    // 2^53 and 2^53 + 1 have the same float8 copy; stats rows written directly (no such orders needed).
    const amounts = ['9007199254740992.00', '9007199254740993.00', '9007199254740991.50'];
    const people: { id: string; amount: bigint }[] = [];
    for (const amount of amounts) {
      const id = await kit.createPerson(session, `Edge ${amount}`);
      await sql`insert into customer_purchase_stats (workspace_id, person_id, order_count, lifetime_revenue,
          average_order_value, first_purchase_at, last_purchase_at)
        values (${session.me.workspace.id}::uuid, ${id}::uuid, 1, ${amount}::numeric, ${amount}::numeric, now(), now())`.execute(
        db,
      );
      people.push({ id, amount: BigInt(amount.replace('.', '')) });
    }
    const cents = (value: string) => BigInt(value.replace('.', ''));
    const cases: [string, unknown, (a: bigint) => boolean][] = [
      ['gt', '9007199254740992.00', (a) => a > cents('9007199254740992.00')],
      ['gte', '9007199254740993.00', (a) => a >= cents('9007199254740993.00')],
      ['lt', '9007199254740993.00', (a) => a < cents('9007199254740993.00')],
      ['lte', '9007199254740991.50', (a) => a <= cents('9007199254740991.50')],
      ['eq', '9007199254740993.00', (a) => a === cents('9007199254740993.00')],
      ['in', ['9007199254740992.00'], (a) => a === cents('9007199254740992.00')],
      [
        'between',
        ['9007199254740991.60', '9007199254740992.00'],
        (a) => a >= cents('9007199254740991.60') && a <= cents('9007199254740992.00'),
      ],
    ];
    for (const [op, value, test] of cases) {
      const filter = { field: 'lifetimeRevenue', op, value };
      expect((await listAll(session, filter)).sort(), JSON.stringify(filter)).toEqual(
        people
          .filter((p) => test(p.amount))
          .map((p) => p.id)
          .sort(),
      );
    }
  });
});
