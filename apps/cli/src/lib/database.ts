import { loadConfig, openDatabase, type TConfig, type TOpenDatabase } from '@kap/server';

/**
 * Progress and diagnostics go to stderr, so stdout carries only a command's result. The embedded
 * server's routine start/stop lines (its background workers end with a FATAL that is no error)
 * would only alarm someone running a one-off command.
 */
export function log(message: string): void {
  const isRoutine =
    message.startsWith('postgres:') &&
    (!/ERROR|FATAL|PANIC|WARNING/.test(message) ||
      /terminating connection due to administrator command/.test(message));
  if (!isRoutine || process.env.KAP_VERBOSE) console.error(`[kap] ${message}`);
}

export function describeTarget(config: TConfig): string {
  if (!config.databaseUrl) return `the embedded PostgreSQL in ${config.dataDir}`;
  try {
    const url = new URL(config.databaseUrl);
    if (url.password) url.password = '***';
    return `DATABASE_URL ${url.toString()}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/**
 * Opens the data directory's embedded PostgreSQL (locking the directory) or DATABASE_URL, runs
 * `work` and always closes again, which stops the embedded server and releases the lock.
 */
export async function withDatabase<T>(
  work: (database: TOpenDatabase, config: TConfig) => Promise<T>,
  options: { migrate: boolean },
): Promise<T> {
  const config = loadConfig(process.env);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    log,
    migrate: options.migrate,
    poolSize: 4,
  });
  // Stopped under a running query (Ctrl-C stops the embedded server), a client would otherwise
  // crash the process with an unhandled 'error' event; the query's own rejection reports it.
  database.pool.on('acquire', (client) => {
    client.removeListener('error', ignoreClientError);
    client.on('error', ignoreClientError);
  });
  try {
    return await work(database, config);
  } finally {
    await database.close();
  }
}

function ignoreClientError(): void {}
