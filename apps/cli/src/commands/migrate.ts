import { listMigrations, runMigrations } from '@kap/server';
import type { Command } from 'commander';
import { describeTarget, withDatabase } from '../lib/database.ts';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations and print the schema version')
    .action(async () => {
      await withDatabase(
        async ({ pool }, config) => {
          console.log(`Database: ${describeTarget(config)}`);
          const result = await runMigrations(pool);
          for (const name of result.applied) console.log(`Applied  ${name}`);
          if (result.applied.length === 0) console.log('Nothing to apply: the schema is up to date.');
          const known = listMigrations().length;
          console.log(
            `Schema version: ${result.version ?? '(none)'} (this Kap has ${known} migration${known === 1 ? '' : 's'})`,
          );
        },
        { migrate: false },
      );
    });
}
