import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { backupDatabase } from '@kap/server';
import type { Command } from 'commander';
import { describeTarget, withDatabase } from '../lib/database.ts';
import { createProgress } from '../lib/progress.ts';

export function registerBackupCommand(program: Command): void {
  program
    .command('backup <file>')
    .description('Write a consistent, gzip-compressed snapshot of the whole database to <file>')
    .option('--force', 'overwrite <file> if it exists')
    .action(async (file: string, options: { force?: boolean }) => {
      const path = resolve(file);
      if (existsSync(path) && !options.force)
        throw new Error(`${path} exists; choose another name or add --force`);
      await withDatabase(
        async ({ pool }, config) => {
          console.error(`Backing up ${describeTarget(config)}`);
          const progress = createProgress('Backing up');
          try {
            const result = await backupDatabase(pool, path, {
              onProgress: (p) => progress.update(p.rowsDone, p.rowsTotal),
            });
            progress.stop();
            const size = (statSync(path).size / 1024 / 1024).toFixed(2);
            console.log(
              `Backed up ${result.rows} rows from ${result.header.tables.length} tables ` +
                `(schema ${result.header.schemaVersion}, Kap ${result.header.kapVersion}) to ${path} (${size} MB).`,
            );
          } finally {
            progress.stop();
          }
        },
        // A backup records the database as it is; it never changes it.
        { migrate: false },
      );
    });
}
