import { OPEN_TASK_STATUSES } from '@kap/shared';
import { sql } from 'kysely';
import type PgBoss from 'pg-boss';
import type { TDb } from '../../db/pool.ts';
import { createNotifications } from '../notifications/index.ts';

const QUEUE = 'task-reminders';
const BATCH_SIZE = 500;

/** Every minute, on whichever worker pg-boss hands the job to. */
export async function scheduleTaskReminders(boss: PgBoss, db: TDb): Promise<void> {
  await boss.createQueue(QUEUE);
  await boss.schedule(QUEUE, '* * * * *');
  await boss.work(QUEUE, async () => {
    await sendDueTaskReminders(db);
  });
}

/**
 * Turns open tasks whose due time has come into a notification for their assignee, once. Each
 * batch locks its tasks with SKIP LOCKED, writes the notifications and marks the tasks reminded
 * in one transaction: workers running at the same moment take disjoint batches, and a crash
 * leaves a batch for the next run. The notifications' unique key is a second guard. Runs across
 * workspaces, as the system. Returns how many notifications were written.
 */
export async function sendDueTaskReminders(db: TDb, batchSize = BATCH_SIZE): Promise<number> {
  let total = 0;
  for (;;) {
    const { taken, written } = await db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('tasks')
        .select(['workspaceId', 'id', 'title', 'dueAt', 'assigneeId'])
        .where('remindedAt', 'is', null)
        .where('assigneeId', 'is not', null)
        .where('status', 'in', [...OPEN_TASK_STATUSES])
        .where('dueAt', '<=', sql<Date>`now()`)
        .orderBy('dueAt')
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length === 0) return { taken: 0, written: 0 };
      const count = await createNotifications(
        trx,
        due.flatMap((task) => {
          const dueAt = task.dueAt?.toISOString();
          if (!task.assigneeId || !dueAt) return [];
          return [
            {
              workspaceId: task.workspaceId,
              userId: task.assigneeId,
              kind: 'taskDue',
              title: task.title,
              recordType: 'task',
              recordId: task.id,
              data: { dueAt },
              dedupeKey: `taskDue:${task.id}:${dueAt}:${task.assigneeId}`,
            },
          ];
        }),
      );
      const keys = due.map((task) => sql`(${task.workspaceId}::uuid, ${task.id}::uuid)`);
      await trx
        .updateTable('tasks')
        .set({ remindedAt: sql<Date>`now()` })
        .where(sql<boolean>`(workspace_id, id) in (${sql.join(keys)})`)
        .execute();
      return { taken: due.length, written: count };
    });
    total += written;
    if (taken < batchSize) return total;
  }
}
