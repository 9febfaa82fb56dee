import type pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { runMigrations } from './migrator.ts';
import { createDb, createPool, type TDb } from './pool.ts';

export type TOpenDatabase = {
  url: string;
  pool: pg.Pool;
  db: TDb;
  isEmbedded: boolean;
  close: () => Promise<void>;
};

/**
 * `DATABASE_URL` when given; else Kap's own PostgreSQL in the data directory, locked so that a
 * second Kap process on the same directory fails instead of opening it. Migrates unless told not to.
 */
export async function openDatabase(options: {
  databaseUrl: string | null;
  dataDir: string;
  log: (message: string) => void;
  migrate?: boolean;
  poolSize?: number;
}): Promise<TOpenDatabase> {
  let url = options.databaseUrl;
  let stopEmbedded = async () => {};
  let releaseLock = () => {};
  if (!url) {
    const lock = lockDataDir(options.dataDir);
    releaseLock = lock.release;
    try {
      const embedded = await startEmbeddedPostgres(options.dataDir, options.log);
      url = embedded.url;
      stopEmbedded = embedded.stop;
    } catch (error) {
      lock.release();
      throw error;
    }
  }
  const pool = createPool(url, options.poolSize ?? 10);
  const db = createDb(pool);
  const close = async () => {
    await db.destroy().catch(() => undefined);
    await stopEmbedded();
    releaseLock();
  };
  try {
    if (options.migrate !== false) {
      const result = await runMigrations(pool);
      if (result.applied.length > 0) options.log(`Applied migrations: ${result.applied.join(', ')}`);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { url, pool, db, isEmbedded: !options.databaseUrl, close };
}
