// Purchase stats in the people list (filters and sorts): the plans as `kap_app` under row-level
// security, before (a scalar subquery on customer_purchase_stats per listed person, as up to
// migration 0020) and after (semi-joins and sorts on the stats indexes of migration 0021), and
// Kap's API pages beside the hand-written "after" SQL.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kapbenchstats npx tsx bench/purchase-stats-list.bench.ts --people 200000
//   (add --reuse to measure again without seeding; the database named must be kapbench…: it is dropped first)
//
// The stats rows are written directly (one in ten people buys in three cases of ten): list reads
// only read customer_purchase_stats, so the orders behind them would change nothing measured here.
import { parseArgs } from 'node:util';
import {
  asKapApp,
  benchAccount,
  loggedInApp,
  recreateBenchDatabase,
  walkPeopleByCursor,
} from './bench-setup.ts';
import { seedPeopleForListBench } from './customer360-seed.ts';
import { formatP50P95, openBenchDatabase, report, timeEach } from './lib.ts';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '200000' },
    iterations: { type: 'string', default: '30' },
    reuse: { type: 'boolean', default: false },
  },
});
const peopleCount = Number(values.people);
const iterations = Number(values.iterations);

await recreateBenchDatabase({ reuse: values.reuse, keep: ['kapbench360'] });

const database = await openBenchDatabase();
console.log(`Kap purchase stats list bench — ${database.label}, ${peopleCount.toLocaleString('en')} people`);
const { email, password, userId, workspaceId, reused } = await benchAccount(
  database,
  'Bench stats',
  values.reuse,
);

if (!reused) {
  const started = performance.now();
  await seedPeopleForListBench(database.pool, { workspaceId, userId, people: peopleCount });
  // 30% of people bought: revenue 0–1,200 (ties at whole cents), 1–12 orders, dates over 3 years.
  await database.pool.query(
    `insert into customer_purchase_stats (workspace_id, person_id, order_count, lifetime_revenue,
       average_order_value, first_purchase_at, last_purchase_at, favourite_channel, favourite_categories)
     select $1, id, n, revenue, round(revenue / n, 2), last_at - ((h % 700) || ' days')::interval, last_at,
            (array['store', 'online', 'phone', 'marketplace'])[1 + (h % 4)::int],
            case (h / 7) % 4 when 0 then array['Shoes', 'Hats'] when 1 then array['Bags', 'Shoes']
                            when 2 then array['Hats', 'Coats'] else array['Socks', 'Bags'] end
       from (select id, h, 1 + h % 12 as n, round((h % 120000) / 100.0, 2) as revenue,
                    now() - ((h % 1100) || ' days')::interval - ((h % 86400) || ' seconds')::interval as last_at
               from (select id, abs(hashtext(id::text || 'stats')::bigint) as h from people where workspace_id = $1) p
              where h % 10 < 3) s`,
    [workspaceId],
  );
  await database.pool.query('analyze people; analyze customer_purchase_stats');
  console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const { app, get } = await loggedInApp(database, email, password);

// As the API runs: `kap_app` with the workspace set, in a transaction (row-level security on).
const { raw, asApp, explain } = await asKapApp(database, workspaceId);
const p = formatP50P95;
const timeRaw = (text: string) =>
  timeEach(iterations, () => asApp(() => raw.query(text, [workspaceId])).then(() => undefined));

// The SQL each form compiles to (lib/filters, modules/orders/purchase-stats-filters.ts).
const scalar = (column: string, orElse?: string) => {
  const value = `(select s.${column} from customer_purchase_stats s where s.workspace_id = $1::uuid and s.person_id = people.id)`;
  return orElse ? `coalesce(${value}, ${orElse})` : value;
};
const semiJoin = (condition: string) =>
  `people.id in (select s.person_id from customer_purchase_stats s
     where s.workspace_id = $1::uuid and s.person_id is not null and ${condition})`;
// A bound on a float8 copy: the copy's range, the exact value only where the copies are equal.
const onCopy = (column: string, op: '>' | '>=', bound: string) =>
  `s.${column}_f8 >= '${bound}'::float8 and (s.${column}_f8 <> '${bound}'::float8 or s.${column} ${op} '${bound}'::numeric)`;
const page = (where: string) =>
  `select people.id from people where people.workspace_id = $1 and ${where} order by created_at desc, id desc limit 51`;

const FILTERS: { name: string; filter: object; before: string; after: string }[] = [
  {
    name: 'lifetimeRevenue gt 1190 (0.25% of people)',
    filter: { field: 'lifetimeRevenue', op: 'gt', value: '1190' },
    before: `${scalar('lifetime_revenue', '0')} > '1190'::numeric`,
    after: semiJoin(onCopy('lifetime_revenue', '>', '1190')),
  },
  {
    name: 'lifetimeRevenue gt 1000 (5%)',
    filter: { field: 'lifetimeRevenue', op: 'gt', value: '1000' },
    before: `${scalar('lifetime_revenue', '0')} > '1000'::numeric`,
    after: semiJoin(onCopy('lifetime_revenue', '>', '1000')),
  },
  {
    name: 'orderCount gte 12 (2.5%)',
    filter: { field: 'orderCount', op: 'gte', value: 12 },
    before: `${scalar('order_count', '0')} >= '12'::numeric`,
    after: semiJoin(onCopy('order_count', '>=', '12')),
  },
  {
    name: 'lastPurchaseAt inLast 7 days (0.2%)',
    filter: { field: 'lastPurchaseAt', op: 'inLast', value: { amount: 7, unit: 'days' } },
    before: `(${scalar('last_purchase_at')} >= now() - '7 days'::interval and ${scalar('last_purchase_at')} <= now())`,
    after: semiJoin(`s.last_purchase_at >= now() - '7 days'::interval and s.last_purchase_at <= now()`),
  },
  {
    name: 'favouriteChannel eq phone (7.5%)',
    filter: { field: 'favouriteChannel', op: 'eq', value: 'phone' },
    before: `${scalar('favourite_channel')} = 'phone'::text`,
    after: semiJoin(`s.favourite_channel = 'phone'::text`),
  },
  {
    name: 'favouriteCategories contains Coats (7.5%)',
    filter: { field: 'favouriteCategories', op: 'contains', value: 'Coats' },
    before: `${scalar('favourite_categories', "'{}'::text[]")} @> array['Coats'::text]`,
    after: semiJoin(`s.favourite_categories @> array['Coats'::text]`),
  },
];

for (const f of FILTERS) {
  await explain(`Before: ${f.name}, first page`, page(f.before));
  await explain(`After: ${f.name}, first page`, page(f.after));
}

const sortBefore = `select people.id from people where people.workspace_id = $1
  order by ${scalar('lifetime_revenue', '0')} desc, id desc limit 51`;
const sortAfter = `select people.id from people
    join (select s.person_id as cf_record_id, s.lifetime_revenue_f8 as cf_value from customer_purchase_stats s
           where s.workspace_id = $1::uuid and s.person_id is not null and s.lifetime_revenue_f8 is not null) sort_values
      on sort_values.cf_record_id = people.id
   where people.workspace_id = $1
   order by sort_values.cf_value desc, sort_values.cf_record_id desc limit 51`;
await explain('Before: sort=-lifetimeRevenue, first page', sortBefore);
await explain('After: sort=-lifetimeRevenue, first page', sortAfter);

console.log('\nFirst pages, raw SQL as kap_app (before → after):');
for (const f of FILTERS) {
  console.log(`  ${f.name}: ${p(await timeRaw(page(f.before)))} → ${p(await timeRaw(page(f.after)))}`);
}
console.log(`  sort=-lifetimeRevenue: ${p(await timeRaw(sortBefore))} → ${p(await timeRaw(sortAfter))}`);

for (const f of FILTERS) {
  const url = `/api/v1/people?limit=50&filter=${encodeURIComponent(JSON.stringify(f.filter))}`;
  report(
    `API ${f.name}, first page (API vs raw after SQL)`,
    await timeEach(iterations, async () => {
      await get(url);
    }),
    await timeRaw(page(f.after)),
  );
}
const walk = (sort: string) => walkPeopleByCursor(get, iterations, sort);
report(
  'API sort=-lifetimeRevenue, walking by cursor (vs raw first page after)',
  await walk('-lifetimeRevenue'),
  await timeRaw(sortAfter),
);
report(
  'API sort=lastPurchaseAt, walking by cursor (vs the same raw)',
  await walk('lastPurchaseAt'),
  await timeRaw(sortAfter),
);

raw.release();
await app.close();
await database.close();
