import type pg from 'pg';
import { MAIL_CHANNEL, type TMailer } from './mail.service.ts';

const SWEEP_INTERVAL_MS = 60_000;

/**
 * Delivers mail as soon as a transaction that queued it commits (LISTEN/NOTIFY), and sweeps
 * the outbox every minute for what a failed or crashed delivery left behind.
 */
export async function startMailDelivery(pool: pg.Pool, mailer: TMailer, onError: (error: unknown) => void) {
  const deliver = () => {
    mailer.deliverPending().catch(onError);
  };
  const listener = await pool.connect();
  // The listening connection ends when the database stops; that must not crash the process.
  listener.on('error', onError);
  listener.on('notification', deliver);
  await listener.query(`listen ${MAIL_CHANNEL}`);
  const sweep = setInterval(deliver, SWEEP_INTERVAL_MS);
  sweep.unref();
  deliver();
  return async () => {
    clearInterval(sweep);
    listener.removeListener('notification', deliver);
    await listener.query(`unlisten ${MAIL_CHANNEL}`).catch(() => undefined);
    listener.release();
  };
}
