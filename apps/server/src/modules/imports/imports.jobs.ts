import type pg from 'pg';
import type { TDb } from '../../db/pool.ts';
import { runImport, type TRunOptions } from './import-runner.ts';
import { claimRunnableImport, deleteAbandonedUploads } from './imports.repository.ts';
import { IMPORTS_CHANNEL } from './imports.service.ts';

/** A running import whose worker has not advanced it for this long is taken over (resumed). */
export const STALE_AFTER_SECONDS = 60;
const SWEEP_INTERVAL_MS = 15_000;

type TLogger = { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };

/**
 * Runs one given import now, in this process (the CLI, tests): claims it if it is queued, or
 * running with a stale heartbeat (`staleAfterSeconds` 0 resumes a stopped run at once).
 */
export async function runImportNow(
  db: TDb,
  target: { workspaceId: string; id: string },
  options: TRunOptions & { staleAfterSeconds?: number } = {},
) {
  const claim = await claimRunnableImport(db, options.staleAfterSeconds ?? STALE_AFTER_SECONDS, target);
  if (!claim) return 'not-runnable' as const;
  return runImport(db, claim, options);
}

/**
 * The import worker of a Kap process: the imports table is the queue (`for update skip locked`
 * claims, a lease per attempt, the checkpoint on the row). NOTIFY from `start` wakes it at once;
 * a sweep every 15 s catches missed notifications and resumes imports whose worker died.
 * One import at a time per process: an import already keeps a core busy.
 */
export async function startImportWorker(pool: pg.Pool, db: TDb, log: TLogger) {
  let isRunning = false;
  let isStopping = false;
  let running: Promise<void> = Promise.resolve();
  const shutdown = new AbortController();
  let sweeps = 0;
  const drain = async () => {
    if (isRunning || isStopping) return;
    isRunning = true;
    try {
      for (;;) {
        if (isStopping) break;
        const claim = await claimRunnableImport(db, STALE_AFTER_SECONDS);
        if (!claim) break;
        log.info({ importId: claim.id, attempt: claim.attempt }, 'Import started');
        const outcome = await runImport(db, claim, { signal: shutdown.signal });
        log.info({ importId: claim.id, outcome }, 'Import ended');
      }
      if (++sweeps % 240 === 1) await deleteAbandonedUploads(db);
    } catch (error) {
      log.error({ err: error }, 'Import worker failed');
    } finally {
      isRunning = false;
    }
  };
  const wake = () => {
    if (!isRunning) running = drain();
  };
  const listener = await pool.connect();
  listener.on('error', (error) => log.error({ err: error }, 'Import listener failed'));
  listener.on('notification', wake);
  await listener.query(`listen ${IMPORTS_CHANNEL}`);
  const sweep = setInterval(wake, SWEEP_INTERVAL_MS);
  wake();
  return async () => {
    isStopping = true;
    shutdown.abort();
    clearInterval(sweep);
    // The import in progress stops after its current batch and goes back to the queue.
    await running;
    listener.removeListener('notification', wake);
    await listener.query(`unlisten ${IMPORTS_CHANNEL}`).catch(() => undefined);
    listener.release();
  };
}
