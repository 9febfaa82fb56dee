import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { TDb } from '../../db/pool.ts';
import type { TTrx } from '../../db/tenant.ts';
import { assertCapability, type TActor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';

export type TMail = { workspaceId: string | null; to: string; subject: string; text: string };

export const MAIL_CHANNEL = 'kap_mail_outbox';

/**
 * Mail is written to the outbox table in the caller's transaction, so it goes out only if the
 * change that caused it commits. The NOTIFY is delivered on commit too and wakes the sender.
 */
export async function queueMail(trx: TTrx | TDb, mail: TMail): Promise<string> {
  const id = newId();
  await trx
    .insertInto('mailOutbox')
    .values({
      id,
      workspaceId: mail.workspaceId,
      toAddress: mail.to,
      subject: mail.subject,
      textBody: mail.text,
    })
    .execute();
  await sql`select pg_notify(${MAIL_CHANNEL}, ${id})`.execute(trx);
  return id;
}

export type TMailer = {
  deliverPending: () => Promise<number>;
  close: () => void;
};

type TLog = { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };

/**
 * Sends unsent outbox mail over SMTP when `SMTP_URL` is set. Without SMTP the mail stays in the
 * outbox (readable by workspace admins, `kap outbox`) and is also written to `<dataDir>/outbox/`.
 */
export function createMailer(
  db: TDb,
  options: { smtpUrl: string | null; from: string; outboxDir: string; log: TLog },
): TMailer {
  const transport: Transporter | null = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  let running: Promise<number> | null = null;

  async function deliverBatch(): Promise<number> {
    return db.transaction().execute(async (trx) => {
      const batch = await trx
        .selectFrom('mailOutbox')
        .selectAll()
        .where('sentAt', 'is', null)
        .orderBy('createdAt')
        .limit(50)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const mail of batch) {
        try {
          if (transport) {
            await transport.sendMail({
              from: options.from,
              to: mail.toAddress,
              subject: mail.subject,
              text: mail.textBody,
            });
          } else {
            mkdirSync(options.outboxDir, { recursive: true, mode: 0o700 });
            const path = join(options.outboxDir, `${mail.id}.txt`);
            writeFileSync(path, `To: ${mail.toAddress}\nSubject: ${mail.subject}\n\n${mail.textBody}\n`, {
              mode: 0o600,
            });
            options.log.info(
              { to: mail.toAddress, path },
              `No SMTP_URL set: mail written to the outbox at ${path}`,
            );
          }
          await trx
            .updateTable('mailOutbox')
            .set({ sentAt: new Date(), error: null })
            .where('id', '=', mail.id)
            .execute();
        } catch (error) {
          options.log.error({ err: error, to: mail.toAddress }, 'Sending mail failed; will retry');
          await trx
            .updateTable('mailOutbox')
            .set({ error: String(error) })
            .where('id', '=', mail.id)
            .execute();
        }
      }
      return batch.length;
    });
  }

  return {
    deliverPending: () => {
      // One delivery run at a time per process; a call during a run waits for it.
      running ??= deliverBatch().finally(() => {
        running = null;
      });
      return running;
    },
    close: () => transport?.close(),
  };
}

export async function listOutbox(trx: TTrx, actor: TActor) {
  assertCapability(actor, 'users:manage');
  const rows = await trx
    .selectFrom('mailOutbox')
    .select(['id', 'toAddress', 'subject', 'textBody', 'createdAt', 'sentAt'])
    .where('workspaceId', '=', actor.workspaceId)
    .orderBy('createdAt', 'desc')
    .limit(100)
    .execute();
  return {
    data: rows.map((row) => ({
      id: row.id,
      to: row.toAddress,
      subject: row.subject,
      text: row.textBody,
      createdAt: row.createdAt.toISOString(),
      sentAt: row.sentAt?.toISOString() ?? null,
    })),
  };
}

/**
 * Every workspace's mail and the install's own (password resets have no workspace), newest first:
 * for the operator (`kap outbox`), who reads it there when no SMTP server is configured.
 */
export async function listOutboxForOperator(
  db: TDb,
  options: { isUnsentOnly: boolean; to?: string; limit: number },
) {
  let query = db
    .selectFrom('mailOutbox')
    .select(['id', 'workspaceId', 'toAddress', 'subject', 'textBody', 'createdAt', 'sentAt', 'error'])
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit);
  if (options.isUnsentOnly) query = query.where('sentAt', 'is', null);
  if (options.to) query = query.where(sql`lower(to_address)`, '=', options.to.toLowerCase());
  return query.execute();
}
