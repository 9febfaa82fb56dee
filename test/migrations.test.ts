import pg from 'pg';
import { afterAll, expect, inject, it } from 'vitest';
import { createPool, listMigrations, runMigrations } from '../apps/server/src/index.ts';

const baseUrl = inject('databaseUrl');
const name = `kap_migrate_${Date.now()}_${process.pid}`;

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(baseUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

afterAll(() => admin((c) => c.query(`drop database if exists ${name} with (force)`)));

it(`applies every migration once, even when two processes start at the same moment (${inject('databaseKind')})`, async () => {
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const pools = [createPool(url.toString(), 2), createPool(url.toString(), 2)];
  try {
    const results = await Promise.all(pools.map((pool) => runMigrations(pool)));
    const applied = results.flatMap((r) => r.applied);
    expect(applied.sort()).toEqual(listMigrations());
    const rows = await pools[0]?.query('select name from schema_migrations order by name');
    expect(rows?.rows.map((r: { name: string }) => r.name)).toEqual(listMigrations());
    const version = await pools[0]?.query<{ v: string }>(`select current_setting('server_version_num') as v`);
    expect(Number(version?.rows[0]?.v)).toBeGreaterThanOrEqual(150000);
    // A third start finds nothing to do.
    const again = await runMigrations(pools[1] as pg.Pool);
    expect(again.applied).toEqual([]);
  } finally {
    await Promise.all(pools.map((pool) => pool.end()));
  }
});
