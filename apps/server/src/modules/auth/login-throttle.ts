import { sql } from 'kysely';
import type { TDb } from '../../db/pool.ts';
import { AppError } from '../../lib/errors.ts';

/** Five wrong passwords in 15 minutes lock that email (and, at 20, that IP) for 15 minutes. */
const WINDOW_MS = 15 * 60_000;
const LOCK_MS = 15 * 60_000;
const LIMITS = { email: 5, ip: 20 } as const;

const keysFor = (email: string, ip: string) =>
  [
    { key: `email:${email}`, limit: LIMITS.email },
    { key: `ip:${ip}`, limit: LIMITS.ip },
  ] as const;

/**
 * Counts the attempt before the password is checked, in one atomic upsert per key, and refuses
 * (429) an attempt past the limit. Counting first matters: a check made before counting would let
 * any number of parallel guesses through before the first of them was recorded.
 * Stored in PostgreSQL so that every stateless server process sees the same counts.
 */
export async function startLoginAttempt(db: TDb, email: string, ip: string): Promise<void> {
  const windowStart = new Date(Date.now() - WINDOW_MS);
  // A window is over once it is older than WINDOW_MS and no lock is running.
  const isOver = sql`(login_throttle.window_started_at < ${windowStart} and (login_throttle.locked_until is null or login_throttle.locked_until <= now()))`;
  let lockedUntil: Date | null = null;
  for (const { key, limit } of keysFor(email, ip)) {
    const row = await db
      .insertInto('loginThrottle')
      .values({ key, failures: 1, windowStartedAt: new Date(), lockedUntil: null })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql`case when ${isOver} then 1 else login_throttle.failures + 1 end`,
          windowStartedAt: sql`case when ${isOver} then now() else login_throttle.window_started_at end`,
          lockedUntil: sql`case when ${isOver} then null when login_throttle.failures + 1 >= ${limit} then coalesce(login_throttle.locked_until, now() + ${`${LOCK_MS} milliseconds`}::interval) else login_throttle.locked_until end`,
        }),
      )
      .returning(['failures', 'lockedUntil'])
      .executeTakeFirstOrThrow();
    const isRefused =
      row.failures > limit && row.lockedUntil !== null && row.lockedUntil.getTime() > Date.now();
    if (isRefused && (lockedUntil === null || (row.lockedUntil?.getTime() ?? 0) > lockedUntil.getTime())) {
      lockedUntil = row.lockedUntil;
    }
  }
  if (lockedUntil) {
    const seconds = Math.max(1, Math.ceil((lockedUntil.getTime() - Date.now()) / 1000));
    throw new AppError(
      'RATE_LIMITED',
      `Too many failed sign-in attempts. Try again in ${Math.ceil(seconds / 60)} minutes.`,
      undefined,
      { 'retry-after': String(seconds) },
    );
  }
}

/** A successful login: forget the account's failures and take this attempt back from the address. */
export async function clearLoginFailures(db: TDb, email: string, ip: string): Promise<void> {
  await db.deleteFrom('loginThrottle').where('key', '=', `email:${email}`).execute();
  await db
    .updateTable('loginThrottle')
    .set({
      failures: sql`greatest(failures - 1, 0)`,
      lockedUntil: sql`case when failures - 1 >= ${LIMITS.ip} then locked_until else null end`,
    })
    .where('key', '=', `ip:${ip}`)
    .execute();
}
