import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addMember, createApiKey, signUp } from '../../../../test/helpers.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../lib/config.ts';
import { seedDemoData } from '../modules/demo/index.ts';
import { backupDatabase, SKIPPED_TABLES } from './backup.ts';
import { runMigrations } from './migrator.ts';
import { createDb, createPool } from './pool.ts';
import { restoreDatabase } from './restore.ts';

/**
 * The source is a database of its own on the test server, not the shared test database: other
 * test files write to that one while this runs, so its checksums would move under the comparison.
 */
const serverUrl = inject('databaseUrl');
const workDir = mkdtempSync(join(tmpdir(), 'kap-backup-test-'));
const created: string[] = [];

function urlOf(database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlOf('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function createDatabase(label: string): Promise<pg.Pool> {
  const name = `kap_${label}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  created.push(name);
  return createPool(urlOf(name), 4);
}

async function tableStats(pool: pg.Pool): Promise<Record<string, { rows: number; md5: string | null }>> {
  const tables = await pool.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  const stats: Record<string, { rows: number; md5: string | null }> = {};
  for (const { name } of tables.rows) {
    const result = await pool.query<{ rows: number; md5: string | null }>(
      `select count(*)::int as rows, md5(string_agg(t::text, '|' order by t::text)) as md5 from public.${pg.escapeIdentifier(name)} t`,
    );
    stats[name] = result.rows[0] ?? { rows: 0, md5: null };
  }
  return stats;
}

async function countAllRows(pool: pg.Pool): Promise<number> {
  const stats = await tableStats(pool);
  return Object.entries(stats)
    .filter(([name]) => name !== 'schema_migrations')
    .reduce((sum, [, s]) => sum + s.rows, 0);
}

let source: pg.Pool;
let backupFile: string;
let ownerEmail: string;
let ownerPassword: string;
const pools: pg.Pool[] = [];

beforeAll(async () => {
  source = await createDatabase('backup_src');
  pools.push(source);
  await runMigrations(source);
  const db = createDb(source);
  const config = loadConfig(
    { ...process.env, LOG_LEVEL: 'silent' },
    { openSignup: true, rateLimitPerMinute: 100_000, runWorkers: false },
  );
  const app = await buildApp({ config, db });
  await app.ready();
  try {
    const owner = await signUp(app, 'Ararat Trading');
    ownerEmail = owner.email;
    ownerPassword = owner.password;
    const other = await signUp(app, 'Second workspace');
    await addMember(app, db, owner, 'sales');
    await createApiKey(app, owner, 'manager');
    const people = [
      {
        firstName: 'Անի',
        lastName: 'Պետրոսյան',
        emails: [{ email: 'ani@example.am' }],
        phones: [{ number: '+374 91 123456' }],
      },
      { firstName: 'ნინო', lastName: 'ბერიძე', phones: [{ number: '+995 555 12 34 56', label: 'mobile' }] },
      {
        firstName: 'Šarūnas',
        lastName: 'Jonaitis',
        emails: [{ email: 'sarunas@example.lt', label: 'work' }],
      },
      { firstName: 'Line\nbreak "quoted" \\ back', lastName: 'O’Brien' },
    ];
    for (const [index, person] of people.entries()) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: { cookie: owner.cookie, 'idempotency-key': `seed-${index}` },
        payload: person,
      });
      expect(response.statusCode).toBe(201);
    }
    // A deal: its board totals (deal_stage_totals) are not in the file but rebuilt by the restore.
    const deal = await app.inject({
      method: 'POST',
      url: '/api/v1/deals',
      headers: { cookie: owner.cookie },
      payload: { name: 'Ararat rollout', amount: '1250.55', currency: 'EUR' },
    });
    expect(deal.statusCode, deal.body).toBe(201);
    // Enough rows for several cursor fetches and insert batches.
    expect((await seedDemoData(db, other.me.workspace.id, { people: 6500 })).created).toBe(6500);
    await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { cookie: other.cookie },
      payload: { firstName: 'Jane' },
    });
  } finally {
    await app.close();
  }
  backupFile = join(workDir, 'kap.backup.gz');
  const progress: number[] = [];
  const result = await backupDatabase(source, backupFile, { onProgress: (p) => progress.push(p.rowsDone) });
  expect(result.rows).toBeGreaterThan(10);
  expect(progress.at(-1)).toBe(result.rows);
});

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  for (const name of created) await adminQuery(`drop database if exists ${name} with (force)`);
  rmSync(workDir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('round-trips every table into an empty database', async () => {
    const target = await createDatabase('restore');
    pools.push(target);
    const result = await restoreDatabase(target, backupFile);
    expect(result.header.schemaVersion).toBe(result.schemaVersion);

    const before = await tableStats(source);
    const after = await tableStats(target);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const [name, stats] of Object.entries(before)) {
      if (name === 'deal_stage_totals') {
        expect(stats.rows).toBe(1);
        expect(after[name], name).toEqual(stats);
      } else if (SKIPPED_TABLES.includes(name) && name !== 'schema_migrations') {
        expect(after[name]?.rows, name).toBe(0);
      } else if (name !== 'schema_migrations') {
        expect(stats.rows, name).toBeGreaterThanOrEqual(name === 'people' ? 5 : 0);
        expect(after[name], name).toEqual(stats);
      }
    }
    expect(before.idempotency_keys?.rows).toBeGreaterThan(0);

    // The restored install works: the owner logs in and sees their people through RLS.
    const app = await buildApp({
      config: loadConfig(
        { ...process.env, LOG_LEVEL: 'silent' },
        { runWorkers: false, rateLimitPerMinute: 100_000 },
      ),
      db: createDb(target),
    });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: ownerEmail, password: ownerPassword },
      });
      expect(login.statusCode).toBe(200);
      const cookie = login.cookies.find((c) => c.name === 'kap_session');
      const list = await app.inject({
        method: 'GET',
        url: '/api/v1/people?sort=lastName',
        headers: { cookie: `kap_session=${cookie?.value}` },
      });
      expect(list.json().data.map((p: { lastName: string }) => p.lastName)).toContain('Պետրոսյան');
      expect(list.json().data).toHaveLength(4);
    } finally {
      await app.close();
    }
  });

  it('refuses a database that is not empty', async () => {
    await expect(restoreDatabase(source, backupFile)).rejects.toThrow(
      /not empty \(table "[a-z_]+" has rows\)/,
    );
  });

  it('rejects a truncated file and leaves the target empty', async () => {
    const bytes = readFileSync(backupFile);
    const truncated = join(workDir, 'truncated.gz');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    const target = await createDatabase('restore_cut');
    pools.push(target);
    await expect(restoreDatabase(target, truncated)).rejects.toThrow(
      /damaged or truncated.*Nothing was restored/,
    );
    expect(await countAllRows(target)).toBe(0);
  });

  it('rejects a corrupted file and leaves the target empty', async () => {
    const bytes = Buffer.from(readFileSync(backupFile));
    for (let i = Math.floor(bytes.length / 2); i < bytes.length / 2 + 8; i++)
      bytes[i] = (bytes[i] ?? 0) ^ 0xff;
    const corrupted = join(workDir, 'corrupted.gz');
    writeFileSync(corrupted, bytes);
    const target = await createDatabase('restore_bad');
    pools.push(target);
    await expect(restoreDatabase(target, corrupted)).rejects.toThrow(/damaged/);
    expect(await countAllRows(target)).toBe(0);
  });

  it('refuses a backup from a newer Kap and a file that is not a backup', async () => {
    const future = join(workDir, 'future.gz');
    const header = { format: 'kap-backup', formatVersion: 1, schemaVersion: '9999_future', tables: [] };
    writeFileSync(future, gzipSync(`${JSON.stringify(['header', header])}\n`));
    const target = await createDatabase('restore_new');
    pools.push(target);
    await expect(restoreDatabase(target, future)).rejects.toThrow(/made by a newer Kap/);
    const notBackup = join(workDir, 'plain.txt');
    writeFileSync(notBackup, 'hello');
    await expect(restoreDatabase(target, notBackup)).rejects.toThrow(/not a Kap backup/);
    await expect(restoreDatabase(target, join(workDir, 'missing.gz'))).rejects.toThrow(
      /Cannot read the backup file/,
    );
  });
});
