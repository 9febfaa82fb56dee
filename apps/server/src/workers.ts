import type pg from 'pg';
import PgBoss from 'pg-boss';
import type { TDb } from './db/pool.ts';
import type { TConfig } from './lib/config.ts';
import { startImportWorker } from './modules/imports/index.ts';
import { createMailer, startMailDelivery } from './modules/mail/index.ts';
import { scheduleMaintenance } from './modules/system/maintenance.jobs.ts';
import { scheduleTaskReminders } from './modules/tasks/index.ts';

type TLogger = { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };

/**
 * Background work: pg-boss (durable jobs and cron in PostgreSQL, shared safely by any number
 * of worker processes) and outbound mail. Runs inside `kap serve` or alone as `kap worker`.
 */
export async function startWorkers(input: {
  pool: pg.Pool;
  db: TDb;
  databaseUrl: string;
  config: TConfig;
  log: TLogger;
}) {
  const { config, log } = input;
  const boss = new PgBoss({ connectionString: input.databaseUrl, max: 3 });
  boss.on('error', (error) => log.error({ err: error }, 'Job queue error'));
  await boss.start();
  await scheduleMaintenance(boss, input.db);
  await scheduleTaskReminders(boss, input.db);
  const mailer = createMailer(input.db, {
    smtpUrl: config.smtpUrl,
    from: config.smtpFrom,
    outboxDir: `${config.dataDir}/outbox`,
    log,
  });
  const stopImports = await startImportWorker(input.pool, input.db, log);
  const stopMail = await startMailDelivery(input.pool, mailer, (error) =>
    log.error({ err: error }, 'Mail delivery failed'),
  );
  return async () => {
    await stopImports();
    await stopMail();
    mailer.close();
    await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  };
}
