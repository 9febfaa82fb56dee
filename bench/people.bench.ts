// People list and create: Kap's HTTP API (in-process, app.inject) against the same work in
// hand-written SQL on the same database, in one run.
//   npx tsx bench/people.bench.ts [--people 200000]          (embedded PostgreSQL 18)
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench npx tsx bench/people.bench.ts
import { parseArgs } from 'node:util';
import { buildApp, loadConfig } from '../apps/server/src/index.ts';
import { signUp } from '../apps/server/src/modules/auth/index.ts';
import { openBenchDatabase, report, timeEach } from './lib.ts';

const { values } = parseArgs({
  options: { people: { type: 'string', default: '200000' }, iterations: { type: 'string', default: '300' } },
});
const peopleCount = Number(values.people);
const iterations = Number(values.iterations);

const database = await openBenchDatabase();
console.log(`Kap people bench — ${database.label}, ${peopleCount.toLocaleString('en')} people`);
const { userId, workspaceId } = await signUp(
  database.db,
  {
    workspaceName: 'Bench',
    name: 'Bench',
    email: `bench-${Date.now()}@bench.test`,
    password: 'bench password 123',
  },
  true,
);

const seedStarted = performance.now();
await database.pool.query(
  `insert into people (workspace_id, id, first_name, last_name, emails, owner_id, created_at, updated_at)
   select $1, gen_random_uuid(), 'First' || (i % 997), 'Last' || lpad((i * 7919 % $3)::text, 7, '0'),
          jsonb_build_array(jsonb_build_object('email', 'p' || i || '@bench.test', 'label', 'work', 'isPrimary', true)),
          $2, now() - (i || ' seconds')::interval, now()
   from generate_series(1, $3) as i`,
  [workspaceId, userId, peopleCount],
);
await database.pool.query('analyze people');
console.log(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

const app = await buildApp({
  config: loadConfig({ LOG_LEVEL: 'silent' }, { rateLimitPerMinute: 10_000_000 }),
  db: database.db,
});
const login = await app.inject({
  method: 'POST',
  url: '/api/v1/auth/login',
  payload: {
    email: `${(await database.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email}`,
    password: 'bench password 123',
  },
});
const cookie = `kap_session=${login.cookies.find((c) => c.name === 'kap_session')?.value}`;

// A list page sorted by last name, walking forward by cursor from the start.
let cursor: string | null = null;
const apiList = await timeEach(iterations, async () => {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/people?sort=lastName&limit=50${cursor ? `&cursor=${cursor}` : ''}`,
    headers: { cookie },
  });
  cursor = (response.json() as { nextCursor: string | null }).nextCursor;
});
let last: { v: string; id: string } | null = null;
const rawList = await timeEach(iterations, async () => {
  const result = await database.pool.query(
    `select *, last_name_sort as v from people where workspace_id = $1
     ${last ? 'and (last_name_sort, id) > ($2::text, $3::uuid)' : ''}
     order by last_name_sort, id limit 51`,
    last ? [workspaceId, last.v, last.id] : [workspaceId],
  );
  const row = result.rows[49] as { v: string; id: string } | undefined;
  last = row ? { v: row.v, id: row.id } : null;
});
report('List page (50 people, sorted by last name, keyset)', apiList, rawList);

const apiCreate = await timeEach(iterations, async (i) => {
  await app.inject({
    method: 'POST',
    url: '/api/v1/people',
    headers: { cookie },
    payload: {
      firstName: `Api${i}`,
      lastName: 'Bench',
      emails: [{ email: `api${i}-${Date.now()}@bench.test` }],
    },
  });
});
const rawCreate = await timeEach(iterations, async (i) => {
  await database.pool.query(
    `insert into people (workspace_id, id, first_name, last_name, emails, owner_id) values ($1, gen_random_uuid(), $2, 'Bench', $3, $4)`,
    [
      workspaceId,
      `Raw${i}`,
      JSON.stringify([{ email: `raw${i}@bench.test`, label: 'other', isPrimary: true }]),
      userId,
    ],
  );
});
report('Create one person (API: validate, auth, RLS transaction, audit entry)', apiCreate, rawCreate);

await app.close();
await database.close();
