import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { TDatabase } from './database.ts';

// Bigint counts come back as strings by default; ours fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

export type TDb = Kysely<TDatabase>;

export function createPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  pool.on('connect', answerWithLastResult);
  return pool;
}

/**
 * A query of several statements (simple protocol, no parameters) answers with its LAST statement's
 * result, where pg gives an array that Kysely reads as no rows: so `begin; select …` returns the
 * select's rows (db/tenant.ts reads the credential in the same round trip as BEGIN). Promise calls
 * only; callbacks and submittables (cursors) are untouched.
 */
function answerWithLastResult(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const answer = query(...args);
    return answer instanceof Promise
      ? answer.then((result: unknown) => (Array.isArray(result) ? result.at(-1) : result))
      : answer;
  };
}

export function createDb(pool: pg.Pool): TDb {
  return new Kysely<TDatabase>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
}
