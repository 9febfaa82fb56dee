// The setup the server benches share: a kapbench… database made afresh from DATABASE_URL, a
// workspace signed up (or the last one found again with --reuse), Kap's API in-process and logged
// in, and a raw connection that runs SQL as the API does (`kap_app` under row-level security).
import pg from 'pg';
import { buildApp, loadConfig, signUp } from '../apps/server/src/index.ts';
import { type openBenchDatabase, timeEach } from './lib.ts';

type TBenchDatabase = Awaited<ReturnType<typeof openBenchDatabase>>;

export const BENCH_PASSWORD = 'bench password 123';

/** Throws `message` unless the database DATABASE_URL names is kapbench… (and none of `keep`); returns its name. */
export function benchDatabaseName(databaseUrl: string, message: string, keep: string[] = []): string {
  const name = new URL(databaseUrl).pathname.slice(1);
  if (!/^kapbench\w*$/.test(name) || keep.includes(name)) throw new Error(message);
  return name;
}

/** Drops the database `databaseUrl` names (closing its connections) and creates it again, empty. */
export async function dropAndCreateDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = new pg.Client({
    connectionString: Object.assign(new URL(databaseUrl), { pathname: '/postgres' }).toString(),
  });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
}

/**
 * With DATABASE_URL and without --reuse: checks it names a kapbench… database (not one of `keep`,
 * another bench's data) and makes it afresh. Without DATABASE_URL the bench runs embedded: nothing to do.
 */
export async function recreateBenchDatabase(options: { reuse?: boolean; keep?: string[] } = {}) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl || options.reuse) return;
  const keep = options.keep ?? [];
  const not = keep.length ? ` (not ${keep.join(', ')})` : '';
  benchDatabaseName(
    databaseUrl,
    `DATABASE_URL must name a database called kapbench…${not}; it is dropped first`,
    keep,
  );
  await dropAndCreateDatabase(databaseUrl);
}

/**
 * The bench's owner account: with `reuse`, the newest workspace called `workspaceName` (seeded by an
 * earlier run; `reused` is then true), else a new sign-up.
 */
export async function benchAccount(database: TBenchDatabase, workspaceName: string, reuse = false) {
  const found = reuse
    ? (
        await database.pool.query<{ email: string; userId: string; workspaceId: string }>(
          `select u.email, u.id as "userId", m.workspace_id as "workspaceId" from workspaces w
             join memberships m on m.workspace_id = w.id join users u on u.id = m.user_id
            where w.name = $1 order by w.created_at desc limit 1`,
          [workspaceName],
        )
      ).rows[0]
    : undefined;
  const email = found?.email ?? `bench-${Date.now()}@bench.test`;
  const { userId, workspaceId } =
    found ??
    (await signUp(database.db, { workspaceName, name: 'Bench', email, password: BENCH_PASSWORD }, true));
  return { email, password: BENCH_PASSWORD, userId, workspaceId, reused: Boolean(found) };
}

/** Kap's app in-process (no rate limit), logged in as `email`: its session cookie and a GET that must answer 200. */
export async function loggedInApp(database: TBenchDatabase, email: string, password = BENCH_PASSWORD) {
  const app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent' }, { rateLimitPerMinute: 10_000_000 }),
    db: database.db,
  });
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  const cookie = `kap_session=${login.cookies.find((c) => c.name === 'kap_session')?.value}`;
  const get = async <T = { data: { id: string }[]; nextCursor: string | null }>(url: string): Promise<T> => {
    const response = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    return response.json() as T;
  };
  return { app, cookie, get };
}

/**
 * A raw connection that runs SQL as the API does: `kap_app` with the workspace set, in a
 * transaction rolled back afterwards (row-level security on). `explain` prints the plan with
 * EXPLAIN (ANALYZE, BUFFERS); its parameters are [workspaceId] unless given.
 */
export async function asKapApp(database: TBenchDatabase, workspaceId: string) {
  const raw = await database.pool.connect();
  const asApp = async <T>(work: () => Promise<T>): Promise<T> => {
    await raw.query(
      `begin; select set_config('role', 'kap_app', true), set_config('kap.workspace_id', '${workspaceId}', true)`,
    );
    try {
      return await work();
    } finally {
      await raw.query('rollback');
    }
  };
  const explain = async (label: string, text: string, params: unknown[] = [workspaceId]) => {
    const plan = await asApp(() =>
      raw.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${text}`, params),
    );
    const lines = plan.rows.map((row) => row['QUERY PLAN']);
    console.log(`\n${label}\n  ${lines.join('\n  ')}`);
  };
  return { raw, asApp, explain };
}

/**
 * The raw side of an API-vs-SQL bench: one connection as the table owner with the workspace set
 * for the session, so it pays neither auth nor the per-request transaction.
 */
export async function workspaceConnection(database: TBenchDatabase, workspaceId: string) {
  const raw = await database.pool.connect();
  await raw.query(`select set_config('kap.workspace_id', $1, false)`, [workspaceId]);
  return raw;
}

/** Times `iterations` pages of GET /api/v1/people?sort=`sort`&limit=50, each from the cursor of the one before. */
export function walkPeopleByCursor(
  get: (url: string) => Promise<{ nextCursor: string | null }>,
  iterations: number,
  sort: string,
): Promise<number[]> {
  let cursor: string | null = null;
  return timeEach(iterations, async () => {
    cursor = (await get(`/api/v1/people?sort=${sort}&limit=50${cursor ? `&cursor=${cursor}` : ''}`))
      .nextCursor;
  });
}
