import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { restoreDatabase } from '@kap/server';
import type { Command } from 'commander';
import { describeTarget, withDatabase } from '../lib/database.ts';
import { createProgress } from '../lib/progress.ts';

export function registerRestoreCommand(program: Command): void {
  program
    .command('restore <file>')
    .description(
      'Restore a `kap backup` file into an EMPTY database (a new KAP_DATA_DIR, or a new DATABASE_URL database)',
    )
    .action(async (file: string) => {
      const path = resolve(file);
      if (!existsSync(path)) throw new Error(`No backup file at ${path}`);
      await withDatabase(
        async ({ pool }, config) => {
          console.error(`Restoring ${path} into ${describeTarget(config)}`);
          const progress = createProgress('Restoring');
          try {
            const result = await restoreDatabase(pool, path, {
              onStart: (header) =>
                console.error(
                  `Backup of ${header.createdAt} by Kap ${header.kapVersion}, schema ${header.schemaVersion}, ` +
                    `${header.tables.reduce((sum, t) => sum + t.rows, 0)} rows`,
                ),
              onProgress: (p) => progress.update(p.rowsDone, p.rowsTotal),
            });
            progress.stop();
            for (const name of result.migratedAfter) console.log(`Applied  ${name}`);
            console.log(`Restored ${result.rows} rows. Schema version: ${result.schemaVersion ?? '(none)'}.`);
          } finally {
            progress.stop();
          }
        },
        // Migrating first would make the database newer than the backup; the restore migrates itself.
        { migrate: false },
      );
    });
}
