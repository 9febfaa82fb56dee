import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
/** Any constant will do; it only has to be the same in every Kap process. */
const MIGRATION_LOCK_KEY = 4_242_001;

export type TMigrationResult = { applied: string[]; version: string | null };

export function listMigrations(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort();
}

/**
 * Applies pending forward-only SQL migrations, each in its own transaction. A session-level
 * advisory lock makes a second process starting at the same moment wait, then find nothing to do.
 * `upTo` stops after that migration: a restore loads a backup's rows into the schema they were
 * written from, then lets later migrations convert them like any other data.
 */
export async function runMigrations(
  pool: pg.Pool,
  options: { upTo?: string } = {},
): Promise<TMigrationResult> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`create table if not exists schema_migrations (
      name text primary key, applied_at timestamptz not null default now())`);
    const done = new Set(
      (await client.query<{ name: string }>('select name from schema_migrations')).rows.map((r) => r.name),
    );
    const wanted = listMigrations().filter((name) => options.upTo === undefined || name <= options.upTo);
    for (const name of wanted) {
      if (done.has(name)) continue;
      const sql = readFileSync(join(MIGRATIONS_DIR, name), 'utf8');
      await client.query('begin');
      try {
        await client.query(sql);
        await client.query('insert into schema_migrations (name) values ($1)', [name]);
        await client.query('commit');
        applied.push(name);
      } catch (error) {
        await client.query('rollback');
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`, { cause: error });
      }
    }
    await grantAppRole(client);
    return { applied, version: wanted.at(-1) ?? null };
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}

export async function getSchemaVersion(pool: pg.Pool): Promise<string | null> {
  const result = await pool.query<{ name: string }>(
    `select name from schema_migrations order by name desc limit 1`,
  );
  return result.rows[0]?.name ?? null;
}

/**
 * Request transactions run as `kap_app`, a role without BYPASSRLS that does not own the tables,
 * so row-level security applies to it even when Kap connects as a superuser.
 */
async function grantAppRole(client: pg.PoolClient): Promise<void> {
  await client.query(`do $$ begin
      if not exists (select 1 from pg_roles where rolname = 'kap_app') then
        create role kap_app nologin;
      end if;
    exception when duplicate_object or unique_violation then null;
    end $$`);
  await client.query(`grant kap_app to current_user`).catch(() => undefined);
  await client.query('grant usage on schema public to kap_app');
  await client.query('grant select, insert, update, delete on all tables in schema public to kap_app');
  await client.query('grant usage, select on all sequences in schema public to kap_app');
  // Credentials and throttling state are read before a workspace is known, by the system role only.
  await client.query(
    'revoke all on sessions, password_reset_tokens, login_throttle, schema_migrations from kap_app',
  );
}
