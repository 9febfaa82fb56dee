// Sorting a people list on a custom field: Kap's list pages (API, walking by cursor) beside the
// hand-written index-driven SQL, and the plans as `kap_app` under row-level security, before (the
// jsonb expression: read and sort the workspace) and after (the `custom_field_values` index).
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kapbenchcfsort npx tsx bench/custom-field-sort.bench.ts --people 200000
//   (add --reuse to measure again without seeding; the database named must be kapbench…: it is dropped first)
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
    iterations: { type: 'string', default: '200' },
    reuse: { type: 'boolean', default: false },
  },
});
const peopleCount = Number(values.people);
const iterations = Number(values.iterations);

await recreateBenchDatabase({ reuse: values.reuse });

const database = await openBenchDatabase();
console.log(`Kap custom-field sort bench — ${database.label}, ${peopleCount.toLocaleString('en')} people`);
const { email, password, userId, workspaceId, reused } = await benchAccount(
  database,
  'Bench CF sort',
  values.reuse,
);

if (!reused) {
  const started = performance.now();
  await seedPeopleForListBench(database.pool, { workspaceId, userId, people: peopleCount });
  // A sparse date field: one person in three has a last order, so a page can reach the nulls.
  await database.pool.query(
    `insert into custom_fields (workspace_id, id, object_type, key, label, type)
     values ($1, gen_random_uuid(), 'person', 'lastOrder', 'Last order', 'date')`,
    [workspaceId],
  );
  await database.pool.query(
    `update people set custom_fields = custom_fields || jsonb_build_object('lastOrder',
            to_char(date '2020-01-01' + (abs(hashtext(id::text)) % 2000), 'YYYY-MM-DD'))
      where workspace_id = $1 and abs(hashtext(id::text)) % 3 = 0`,
    [workspaceId],
  );
  await database.pool.query('analyze people; analyze custom_field_values');
  console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const { app, get } = await loggedInApp(database, email, password);

// As the API runs: `kap_app` with the workspace set, in a transaction (row-level security on).
const { raw, asApp, explain } = await asKapApp(database, workspaceId);

const SPEND_JSON = `(case when jsonb_typeof(custom_fields -> 'spend') = 'number' then (custom_fields ->> 'spend')::numeric end)`;
const before = `select *, ${SPEND_JSON}::text as v from people where workspace_id = $1
  order by ${SPEND_JSON} asc nulls last, id asc limit 51`;
const indexed = (column: string, key: string, keyset: string) => `
  select people.*, s.v::text as v from people
    join (select record_id, ${column} as v from custom_field_values
           where workspace_id = $1 and record_type = 'person' and field_key = '${key}' and ${column} is not null) s
      on s.record_id = people.id
   where people.workspace_id = $1 ${keyset}
   order by s.v, s.record_id limit 51`;
const nulls = `select * from people where workspace_id = $1
    and not exists (select 1 from custom_field_values v where v.workspace_id = $1 and v.record_type = 'person'
                      and v.field_key = 'lastOrder' and v.value_date is not null and v.record_id = people.id)
  order by id limit 51`;
const middle = (
  await database.pool.query<{ v: number; id: string }>(
    `select value_number as v, record_id as id from custom_field_values where workspace_id = $1
        and record_type = 'person' and field_key = 'spend' order by value_number, record_id offset $2 limit 1`,
    [workspaceId, Math.floor(peopleCount / 2)],
  )
).rows[0];

await explain('Before: sort on the jsonb expression (first page)', before, [workspaceId]);
await explain('After: first page from the index (spend)', indexed('value_number', 'spend', ''), [
  workspaceId,
]);
await explain(
  'After: a page in the middle (keyset)',
  indexed('value_number', 'spend', 'and (s.v, s.record_id) > ($2::float8, $3::uuid)'),
  [workspaceId, middle?.v, middle?.id],
);
await explain('After: the first page of the nulls (lastOrder, 2 in 3 have none)', nulls, [workspaceId]);

const timeRaw = (text: string, params: unknown[], times = iterations) =>
  timeEach(times, () => asApp(() => raw.query(text, params)).then(() => undefined));
const firstBefore = await timeRaw(before, [workspaceId], Math.min(iterations, 30));
const firstAfter = await timeRaw(indexed('value_number', 'spend', ''), [workspaceId]);
const p = formatP50P95;
console.log(
  `\nFirst page by spend, raw SQL as kap_app: before (jsonb) ${p(firstBefore)}; after (index) ${p(firstAfter)}`,
);

const walk = (sort: string) => walkPeopleByCursor(get, iterations, sort);
let last: { v: string; id: string } | null = null;
const rawWalk = await timeEach(iterations, async () => {
  const result = await asApp(() =>
    raw.query<{ v: string; id: string }>(
      indexed('value_number', 'spend', last ? 'and (s.v, s.record_id) > ($2::float8, $3::uuid)' : ''),
      last ? [workspaceId, last.v, last.id] : [workspaceId],
    ),
  );
  const row = result.rows[49];
  last = row ? { v: row.v, id: row.id } : null;
});
report(
  'sort=customFields.spend, 50 a page, walking by cursor (API vs raw indexed SQL)',
  await walk('customFields.spend'),
  rawWalk,
);
report('sort=-customFields.spend, walking (API vs the same raw)', await walk('-customFields.spend'), rawWalk);
report('reference: sort=lastName (a standard indexed sort), walking', await walk('lastName'), rawWalk);
report(
  'sort=customFields.tier (4 values: ties), walking (API vs the same raw)',
  await walk('customFields.tier'),
  rawWalk,
);
const nullCursor = Buffer.from(JSON.stringify([0, '', '00000000-0000-0000-0000-000000000000'])).toString(
  'base64url',
);
report(
  'sort=customFields.lastOrder, pages among the nulls (API vs raw nulls SQL)',
  await timeEach(iterations, async () => {
    await get(`/api/v1/people?sort=customFields.lastOrder&limit=50&cursor=${nullCursor}`);
  }),
  await timeRaw(nulls, [workspaceId]),
);

raw.release();
await app.close();
await database.close();
