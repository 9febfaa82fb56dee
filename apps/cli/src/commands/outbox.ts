import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DataDirLockedError, listOutboxForOperator, loadConfig } from '@kap/server';
import type { Command } from 'commander';
import { withDatabase } from '../lib/database.ts';
import { parsePositiveInteger } from '../lib/options.ts';

type TOutboxOptions = { unsent?: boolean; to?: string; limit: number; body?: boolean };

const stamp = (date: Date): string => date.toISOString().slice(0, 16).replace('T', ' ');

export function registerOutboxCommand(program: Command): void {
  program
    .command('outbox')
    .description(
      'List mail Kap has queued or sent, newest first (password resets and invitations without SMTP)',
    )
    .option('--unsent', 'only mail not sent yet')
    .option('--to <email>', 'only mail to this address')
    .option('--limit <count>', 'how many', parsePositiveInteger, 20)
    .option('--body', 'print each mail in full')
    .action(async (options: TOutboxOptions) => {
      try {
        await withDatabase(
          async ({ db }) =>
            printOutbox(
              await listOutboxForOperator(db, { ...options, isUnsentOnly: Boolean(options.unsent) }),
              options,
            ),
          {
            migrate: false,
          },
        );
      } catch (error) {
        if (!(error instanceof DataDirLockedError)) throw error;
        printOutboxFiles(join(loadConfig(process.env).dataDir, 'outbox'), error, options);
      }
    });
}

function printOutbox(
  mails: Awaited<ReturnType<typeof listOutboxForOperator>>,
  options: TOutboxOptions,
): void {
  if (mails.length === 0) console.log(options.unsent ? 'No unsent mail.' : 'The outbox is empty.');
  for (const mail of mails) {
    const status = mail.sentAt ? `sent ${stamp(mail.sentAt)}` : mail.error ? 'FAILED, will retry' : 'unsent';
    console.log(`${stamp(mail.createdAt)}  ${status.padEnd(22)}  ${mail.toAddress}  ${mail.subject}`);
    if (mail.error) console.log(`    error: ${mail.error}`);
    if (options.body) console.log(`${mail.textBody.replace(/^/gm, '    ')}\n`);
  }
}

/**
 * While `kap serve` runs on the embedded database it holds the data directory, but without SMTP its
 * worker also writes each mail to <dataDir>/outbox/: read those instead.
 */
function printOutboxFiles(dir: string, lockError: DataDirLockedError, options: TOutboxOptions): void {
  console.error(
    `The data directory is in use by a running Kap (pid ${lockError.pid}); showing the mail files in ${dir}.`,
  );
  const files = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.txt')) : [];
  const mails = files
    .map((name) => ({ path: join(dir, name), mtime: statSync(join(dir, name)).mtime }))
    .sort((a, b) => b.mtime.getTime() - a.mtime.getTime())
    .map((file) => ({ ...file, text: readFileSync(file.path, 'utf8') }))
    .filter((mail) => !options.to || mail.text.toLowerCase().startsWith(`to: ${options.to.toLowerCase()}\n`))
    .slice(0, options.limit);
  if (mails.length === 0) console.log('No mail files.');
  for (const mail of mails) {
    const [to = '', subject = ''] = mail.text.split('\n');
    console.log(
      `${stamp(mail.mtime)}  ${to.replace(/^To: /, '')}  ${subject.replace(/^Subject: /, '')}  (${mail.path})`,
    );
    if (options.body) console.log(`${mail.text.replace(/^/gm, '    ')}`);
  }
}
