import type { TDb } from '../../db/pool.ts';
import type { TTrx } from '../../db/tenant.ts';
import { ensurePartition } from './events.repository.ts';

/**
 * Months (first day, 'YYYY-MM-01') this process knows to have a partition, or to be out of the
 * on-demand range (their events stay in the default partition). Asking costs one statement per
 * month and process, not one per batch.
 */
const knownMonths = new Set<string>();

const monthOf = (isoTime: string) => `${isoTime.slice(0, 7)}-01`;

/** Partitions for the batch's months, made on demand inside the batch's transaction. */
export async function ensurePartitionsFor(
  trx: TTrx,
  rows: readonly { occurred_at: string }[],
): Promise<void> {
  const months = new Set<string>();
  for (const row of rows) {
    const month = monthOf(row.occurred_at);
    if (!knownMonths.has(month)) months.add(month);
  }
  for (const month of [...months].sort()) {
    await ensurePartition(trx, month);
  }
  // Remembered only once the batch commits would be exact; a rolled-back creation only means
  // that month's events wait in the default partition until the maintenance job makes it.
  for (const month of months) knownMonths.add(month);
}

/** The maintenance job: this month and the next two exist before any event needs them. */
export async function createUpcomingPartitions(db: TDb, now = new Date()): Promise<string[]> {
  const made: string[] = [];
  for (let ahead = 0; ahead <= 2; ahead++) {
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + ahead, 1))
      .toISOString()
      .slice(0, 10);
    const created = await db.transaction().execute((trx) => ensurePartition(trx as unknown as TTrx, month));
    if (created) made.push(month);
  }
  return made;
}
