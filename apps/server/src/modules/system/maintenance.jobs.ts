import { sql } from 'kysely';
import type PgBoss from 'pg-boss';
import type { TDb } from '../../db/pool.ts';
import { deleteExpiredSessions } from '../auth/index.ts';
import { createUpcomingPartitions, linkWaitingEvents } from '../events/index.ts';
import { deleteExpiredIdempotencyKeys } from '../idempotency/index.ts';

const QUEUE = 'maintenance';

/** Hourly clean-up of what expires: sessions, idempotency keys, throttle windows, used tokens. */
export async function scheduleMaintenance(boss: PgBoss, db: TDb): Promise<void> {
  await boss.createQueue(QUEUE);
  await boss.schedule(QUEUE, '17 * * * *');
  await boss.work(QUEUE, async () => {
    await runMaintenance(db);
  });
}

export async function runMaintenance(db: TDb) {
  return {
    sessions: await deleteExpiredSessions(db),
    idempotencyKeys: await deleteExpiredIdempotencyKeys(db),
    throttle: Number(
      (
        await db
          .deleteFrom('loginThrottle')
          .where('windowStartedAt', '<', sql<Date>`now() - interval '1 day'`)
          .executeTakeFirst()
      ).numDeletedRows,
    ),
    eventPartitionsCreated: (await createUpcomingPartitions(db)).length,
    eventsLinked: await linkWaitingEvents(db),
  };
}
