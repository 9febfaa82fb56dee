// Customer 360 at scale: global search, a filtered and sorted people list page, and a person's
// detail page with its first timeline page — Kap's HTTP API (in-process, app.inject) against the
// equivalent hand-written SQL on the same database, in one run.
//   npx tsx bench/customer360.bench.ts [--people 1000000 --companies 100000]   (embedded PostgreSQL 18)
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kapbench360 npx tsx bench/customer360.bench.ts
// With DATABASE_URL the database is dropped and created again first (it must not be Kap's own).
import { parseArgs } from 'node:util';
import { benchAccount, loggedInApp, recreateBenchDatabase, workspaceConnection } from './bench-setup.ts';
import { buildSearchQueries, seedCustomer360 } from './customer360-seed.ts';
import { openBenchDatabase, percentile, report, timeEach } from './lib.ts';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '1000000' },
    companies: { type: 'string', default: '100000' },
    iterations: { type: 'string', default: '300' },
    // Measure again on the database the last run seeded (DATABASE_URL only): seeding 1M takes minutes.
    reuse: { type: 'boolean', default: false },
  },
});
const peopleCount = Number(values.people);
const companyCount = Number(values.companies);
const iterations = Number(values.iterations);

await recreateBenchDatabase({ reuse: values.reuse });

const database = await openBenchDatabase();
console.log(
  `Kap Customer 360 bench — ${database.label}, ${peopleCount.toLocaleString('en')} people, ${companyCount.toLocaleString('en')} companies`,
);
const { email, password, userId, workspaceId, reused } = await benchAccount(
  database,
  'Bench 360',
  values.reuse,
);

if (!reused) {
  const seedStarted = performance.now();
  await seedCustomer360(database.pool, {
    workspaceId,
    userId,
    people: peopleCount,
    companies: companyCount,
    withTimeline: 2000,
  });
  console.log(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
}
const terms = await database.pool.query<{ n: number }>('select count(*)::int as n from search_terms');
console.log(`${terms.rows[0]?.n.toLocaleString('en')} search terms`);

const { app, get } = await loggedInApp(database, email, password);

// The raw side runs as the table owner on one connection with the workspace set for the session,
// so it pays neither auth nor the per-request transaction: the floor the API is compared with.
const raw = await workspaceConnection(database, workspaceId);
const goals: string[] = [];
const checkGoal = (name: string, kap: number[], base: number[], searchLimit?: number) => {
  const allowed = 2 * percentile(base, 95) + 5;
  const p95 = percentile(kap, 95);
  goals.push(
    `${name}: API p95 ${p95.toFixed(2)} ms vs allowed ${allowed.toFixed(2)} ms → ${p95 <= allowed ? 'met' : 'MISSED'}`,
  );
  if (searchLimit)
    goals.push(`${name}: API p95 under ${searchLimit} ms → ${p95 < searchLimit ? 'met' : 'MISSED'}`);
};

// 1. Global search.
const queries = buildSearchQueries(400);
const digitsOf = (q: string) =>
  /^[+\d\s().\-/]+$/.test(q) && q.replace(/\D/g, '').length >= 4
    ? q.replace(/\D/g, '').replace(/^0+/, '')
    : '';
const apiSearch = await timeEach(iterations, async (i) => {
  await get(`/api/v1/search?q=${encodeURIComponent(queries[i % queries.length] ?? 'a')}&limit=10`);
});
const rawSearch = await timeEach(iterations, async (i) => {
  const q = queries[i % queries.length] ?? 'a';
  await raw.query(
    `select r.record_type, r.record_id, coalesce(p.display_name_sort, c.name) as title,
            coalesce(p.emails -> 0 ->> 'email', c.domains[1]) as subtitle
       from search_records($1, $2, array['person', 'company'], null, 10) r
       left join people p on r.record_type = 'person' and p.workspace_id = $3 and p.id = r.record_id
       left join companies c on r.record_type = 'company' and c.workspace_id = $3 and c.id = r.record_id
      order by r.rank desc, case when r.rank = 1 then r.score else 0 end desc, r.updated_at desc`,
    [q, digitsOf(q), workspaceId],
  );
});
report(
  'Global search (10 results; prefixes, full names, typos, emails, phones, companies, domains)',
  apiSearch,
  rawSearch,
);
checkGoal('search', apiSearch, rawSearch, 30);

// 2. A filtered and sorted list page, walking forward by cursor.
let cursor: string | null = null;
const apiList = await timeEach(iterations, async () => {
  const page = (await get(
    `/api/v1/people?lifecycleStage=customer&sort=lastName&limit=50${cursor ? `&cursor=${cursor}` : ''}`,
  )) as { nextCursor: string | null };
  cursor = page.nextCursor;
});
let last: { v: string; id: string } | null = null;
const rawList = await timeEach(iterations, async () => {
  const result = await raw.query<{ v: string; id: string }>(
    `select *, last_name_sort as v from people
      where workspace_id = $1 and lifecycle_stage = 'customer'
      ${last ? 'and (last_name_sort, id) > ($2::text, $3::uuid)' : ''}
      order by last_name_sort, id limit 51`,
    last ? [workspaceId, last.v, last.id] : [workspaceId],
  );
  await raw.query(
    'select person_id, company_id, is_primary from person_companies where workspace_id = $1 and person_id = any($2)',
    [workspaceId, result.rows.slice(0, 50).map((row) => row.id)],
  );
  const row = result.rows[49];
  last = row ? { v: row.v, id: row.id } : null;
});
report('People list page (50, lifecycleStage = customer, sorted by last name, keyset)', apiList, rawList);
checkGoal('list', apiList, rawList);

// 3. A page of people filtered on a custom field (a rare select option, 1 in 1,000), by last name.
const tierFilter = encodeURIComponent(
  JSON.stringify({ field: 'customFields.tier', op: 'eq', value: 'platinum' }),
);
let tierCursor: string | null = null;
const apiCustom = await timeEach(iterations, async () => {
  const page = (await get(
    `/api/v1/people?filter=${tierFilter}&sort=lastName&limit=50${tierCursor ? `&cursor=${tierCursor}` : ''}`,
  )) as { nextCursor: string | null };
  tierCursor = page.nextCursor;
});
let tierLast: { v: string; id: string } | null = null;
const rawCustom = await timeEach(iterations, async () => {
  const result = await raw.query<{ v: string; id: string }>(
    `select *, last_name_sort as v from people
      where workspace_id = $1
        and id in (select record_id from custom_field_values where workspace_id = $1 and record_type = 'person'
                     and field_key = 'tier' and value_text = 'platinum')
      ${tierLast ? 'and (last_name_sort, id) > ($2::text, $3::uuid)' : ''}
      order by last_name_sort, id limit 51`,
    tierLast ? [workspaceId, tierLast.v, tierLast.id] : [workspaceId],
  );
  await raw.query(
    'select person_id, company_id, is_primary from person_companies where workspace_id = $1 and person_id = any($2)',
    [workspaceId, result.rows.slice(0, 50).map((row) => row.id)],
  );
  const row = result.rows[49];
  tierLast = row ? { v: row.v, id: row.id } : null;
});
report(
  'People filtered on a custom field (tier = platinum, 1 in 1,000; by last name, keyset)',
  apiCustom,
  rawCustom,
);
checkGoal('custom field filter', apiCustom, rawCustom);

// 4. A person's detail page: the record and the first page of its timeline.
const detailIds = (
  await raw.query<{ id: string }>(
    `select distinct record_id as id from activity_links where workspace_id = $1 and record_type = 'person' limit 500`,
    [workspaceId],
  )
).rows.map((row) => row.id);
const apiDetail = await timeEach(iterations, async (i) => {
  const id = detailIds[i % detailIds.length] ?? '';
  // What the detail page opens with: the person and the first timeline page, in one request.
  await get(`/api/v1/people/${id}/overview?limit=20`);
});
const rawDetail = await timeEach(iterations, async (i) => {
  const id = detailIds[i % detailIds.length] ?? '';
  await raw.query('select * from people where workspace_id = $1 and id = $2', [workspaceId, id]);
  await raw.query(
    'select company_id, is_primary from person_companies where workspace_id = $1 and person_id = $2',
    [workspaceId, id],
  );
  await raw.query(
    `(select 'activity' as kind, a.id, a.occurred_at as at, a.subject from activity_links l
        join activities a on a.workspace_id = l.workspace_id and a.id = l.activity_id
       where l.workspace_id = $1 and l.record_type = 'person' and l.record_id = $2
       order by l.occurred_at desc, l.activity_id desc limit 21)
     union all
     (select 'task', t.id, l.timeline_at, t.title from task_links l
        join tasks t on t.workspace_id = l.workspace_id and t.id = l.task_id
       where l.workspace_id = $1 and l.record_type = 'person' and l.record_id = $2
       order by l.timeline_at desc, l.task_id desc limit 21)
     union all
     (select 'change', id, occurred_at, action from audit_log
       where workspace_id = $1 and record_type = 'person' and record_id = $2::text
       order by occurred_at desc, id desc limit 21)
     order by at desc limit 20`,
    [workspaceId, id],
  );
});
report(
  'Person detail page (GET /people/:id/overview: the person + first timeline page of 20; 30 activities each)',
  apiDetail,
  rawDetail,
);
checkGoal('detail', apiDetail, rawDetail);

console.log(`\nGoals (API p95 ≤ 2 × raw p95 + 5 ms; search p95 < 30 ms):\n  ${goals.join('\n  ')}`);
raw.release();
await app.close();
await database.close();
