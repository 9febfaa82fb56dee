import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPool, runMigrations, startEmbeddedPostgres } from '../apps/server/src/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: 'embedded' | 'server';
  }
}

/**
 * One fresh, migrated database for the whole run: on Kap's embedded PostgreSQL by default, or on
 * the server at KAP_TEST_DATABASE_URL when KAP_TEST_TARGET=server. Tests share it safely because
 * each creates its own workspace.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.KAP_TEST_TARGET === 'server' ? process.env.KAP_TEST_DATABASE_URL : undefined;
  if (process.env.KAP_TEST_TARGET === 'server' && !serverUrl) throw new Error('KAP_TEST_DATABASE_URL is not set');
  let url: string;
  let teardown: () => Promise<void>;
  if (serverUrl) {
    const name = `kap_test_${Date.now()}_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const parsed = new URL(serverUrl);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    teardown = async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'kap-test-'));
    const embedded = await startEmbeddedPostgres(dataDir, () => undefined);
    url = embedded.url;
    teardown = async () => {
      await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const pool = createPool(url, 2);
  try {
    await runMigrations(pool);
  } finally {
    await pool.end();
  }
  project.provide('databaseUrl', url);
  project.provide('databaseKind', serverUrl ? 'server' : 'embedded');
  return teardown;
}
