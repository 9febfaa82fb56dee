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

/** Stored in PostgreSQL so that every stateless server process sees the same counts. */
export async function assertLoginAllowed(db: TDb, email: string, ip: string): Promise<void> {
  const keys = keysFor(email, ip).map((k) => k.key);
  const locked = await db
    .selectFrom('loginThrottle')
    .select(['lockedUntil'])
    .where('key', 'in', keys)
    .where('lockedUntil', '>', new Date())
    .orderBy('lockedUntil', 'desc')
    .executeTakeFirst();
  if (locked?.lockedUntil) {
    const seconds = Math.max(1, Math.ceil((locked.lockedUntil.getTime() - Date.now()) / 1000));
    throw new AppError(
      'RATE_LIMITED',
      `Too many failed sign-in attempts. Try again in ${Math.ceil(seconds / 60)} minutes.`,
      undefined,
      { 'retry-after': String(seconds) },
    );
  }
}

export async function recordLoginFailure(db: TDb, email: string, ip: string): Promise<void> {
  const windowStart = new Date(Date.now() - WINDOW_MS);
  for (const { key, limit } of keysFor(email, ip)) {
    await db
      .insertInto('loginThrottle')
      .values({ key, failures: 1, windowStartedAt: new Date(), lockedUntil: null })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql`case when login_throttle.window_started_at < ${windowStart} then 1 else login_throttle.failures + 1 end`,
          windowStartedAt: sql`case when login_throttle.window_started_at < ${windowStart} then now() else login_throttle.window_started_at end`,
          lockedUntil: sql`case when login_throttle.window_started_at >= ${windowStart} and login_throttle.failures + 1 >= ${limit} then now() + ${`${LOCK_MS} milliseconds`}::interval else null end`,
        }),
      )
      .execute();
  }
}

export async function clearLoginFailures(db: TDb, email: string): Promise<void> {
  await db.deleteFrom('loginThrottle').where('key', '=', `email:${email}`).execute();
}
