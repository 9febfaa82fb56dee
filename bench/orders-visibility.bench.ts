// Orders as a sales rep who sees only their own customers: the orders list (first page and pages
// walked by cursor) and an order's detail through Kap's HTTP API (in-process, app.inject) against
// the hand-written SQL of the same answer, in one run; the list as an all-scope owner beside it.
//   npx tsx bench/orders-visibility.bench.ts [--people 20000 --orders 100000 --mine 10]
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kapbenchorders npx tsx bench/orders-visibility.bench.ts
// With DATABASE_URL the database is dropped and created again first (it must be called kapbench…).
import { parseArgs } from 'node:util';
import { benchAccount, loggedInApp, recreateBenchDatabase, workspaceConnection } from './bench-setup.ts';
import { openBenchDatabase, report, timeEach } from './lib.ts';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '20000' },
    orders: { type: 'string', default: '100000' },
    mine: { type: 'string', default: '10', description: 'percent of customers the rep owns' },
    iterations: { type: 'string', default: '100' },
  },
});
const peopleCount = Number(values.people);
const orderCount = Number(values.orders);
const minePercent = Number(values.mine);
const iterations = Number(values.iterations);

await recreateBenchDatabase({ keep: ['kapbench360'] });

const database = await openBenchDatabase();
console.log(
  `Kap orders visibility bench — ${database.label}, ${peopleCount.toLocaleString('en')} people, ${orderCount.toLocaleString('en')} orders, the rep owns ${minePercent} % of the customers`,
);
const { email, password, userId, workspaceId } = await benchAccount(database, 'Bench orders');
const { app, cookie } = await loggedInApp(database, email, password);
// A sales key (team scope, no team: its creator's records only) acts as the rep.
const keyReply = await app.inject({
  method: 'POST',
  url: '/api/v1/api-keys',
  headers: { cookie },
  payload: { name: 'Rep', role: 'sales' },
});
const repKey = (keyReply.json() as { key: string }).key;
const get = async <T>(url: string, auth: { cookie: string } | { authorization: string }): Promise<T> => {
  const response = await app.inject({ method: 'GET', url, headers: auth });
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return response.json() as T;
};
const rep = { authorization: `Bearer ${repKey}` };
const owner = { cookie };

// The seed, set-based: the rep owns every (100 / mine)-th person and company, nobody owns the rest;
// nine orders in ten have a person, the others a company only; spread over two years.
const seedStarted = performance.now();
const step = Math.max(1, Math.round(100 / minePercent));
await database.pool.query(
  `insert into people (workspace_id, id, first_name, last_name, owner_id, created_at, updated_at)
   select $1::uuid, gen_random_uuid(), 'First' || i, 'Last' || i, case when i % $3::int = 0 then $2::uuid end, now(), now()
     from generate_series(1, $4::int) i`,
  [workspaceId, userId, step, peopleCount],
);
await database.pool.query(
  `insert into companies (workspace_id, id, name, owner_id, created_at, updated_at)
   select $1::uuid, gen_random_uuid(), 'Company ' || i, case when i % $3::int = 0 then $2::uuid end, now(), now()
     from generate_series(1, $4::int) i`,
  [workspaceId, userId, step, Math.ceil(peopleCount / 10)],
);
await database.pool.query(
  `with p as (select array_agg(id) as ids from people where workspace_id = $1::uuid),
        c as (select array_agg(id) as ids from companies where workspace_id = $1::uuid)
   insert into orders (workspace_id, id, source, channel, person_id, company_id, occurred_at, status, currency,
                       subtotal, discount_total, tax_total, total, base_currency, exchange_rate, base_total)
   select $1::uuid, gen_random_uuid(), 'kap', 'store',
          case when i % 10 <> 0 then p.ids[1 + (i::bigint * 7919) % $3::int] end,
          case when i % 10 = 0 then c.ids[1 + (i::bigint * 104729) % $4::int] end,
          now() - interval '1 minute' * (i * 10.51), 'paid', 'EUR', 10, 0, 0, 10, 'EUR', 1, 10
     from generate_series(1, $2::int) i, p, c`,
  [workspaceId, orderCount, peopleCount, Math.ceil(peopleCount / 10)],
);
await database.pool.query('analyze people; analyze companies; analyze orders');
console.log(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

const raw = await workspaceConnection(database, workspaceId);
type TPage = { data: { id: string }[]; nextCursor: string | null };
const rawPage = async (after: { at: string; id: string } | null) => {
  const page = await raw.query<{ id: string; at: string }>(
    `select o.*, to_char(o.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
       from orders o
      where o.workspace_id = $1
        and (o.person_id in (select id from people where workspace_id = $1 and owner_id = $2)
             or o.company_id in (select id from companies where workspace_id = $1 and owner_id = $2))
        ${after ? 'and (o.occurred_at, o.id) < ($3::timestamptz, $4::uuid)' : ''}
      order by o.occurred_at desc, o.id desc limit 51`,
    after ? [workspaceId, userId, after.at, after.id] : [workspaceId, userId],
  );
  const last = page.rows[49];
  return last ? { at: last.at, id: last.id } : null;
};

const firstPage = await get<TPage>('/api/v1/orders?limit=50', rep);
const rawFirst = await raw.query<{ n: number }>(
  `select count(*)::int as n from orders o where o.workspace_id = $1
      and (o.person_id in (select id from people where workspace_id = $1 and owner_id = $2)
           or o.company_id in (select id from companies where workspace_id = $1 and owner_id = $2))`,
  [workspaceId, userId],
);
console.log(
  `the rep sees ${rawFirst.rows[0]?.n.toLocaleString('en')} orders; first page ${firstPage.data.length}`,
);

report(
  'Orders list, first page of 50, as the rep',
  await timeEach(iterations, async () => {
    await get('/api/v1/orders?limit=50', rep);
  }),
  await timeEach(iterations, async () => {
    await rawPage(null);
  }),
);
report(
  'Orders list, first page of 50, as the owner (all orders; raw = the rep query, for scale)',
  await timeEach(iterations, async () => {
    await get('/api/v1/orders?limit=50', owner);
  }),
  await timeEach(iterations, async () => {
    await rawPage(null);
  }),
);
let cursor: string | null = null;
let after: { at: string; id: string } | null = null;
report(
  'Orders list as the rep, walking pages by cursor',
  await timeEach(iterations, async () => {
    cursor = (await get<TPage>(`/api/v1/orders?limit=50${cursor ? `&cursor=${cursor}` : ''}`, rep))
      .nextCursor;
  }),
  await timeEach(iterations, async () => {
    after = await rawPage(after);
  }),
);
const orderIds = firstPage.data.map((o) => o.id);
report(
  "An order's detail as the rep (lines, refunds; the customer checked)",
  await timeEach(iterations, async (i) => {
    await get(`/api/v1/orders/${orderIds[i % orderIds.length]}`, rep);
  }),
  await timeEach(iterations, async (i) => {
    const id = orderIds[i % orderIds.length];
    await raw.query('select * from orders where workspace_id = $1 and id = $2', [workspaceId, id]);
    await raw.query('select * from order_lines where workspace_id = $1 and order_id = $2', [workspaceId, id]);
    await raw.query('select * from refunds where workspace_id = $1 and order_id = $2', [workspaceId, id]);
  }),
);

raw.release();
await app.close();
await database.close();
