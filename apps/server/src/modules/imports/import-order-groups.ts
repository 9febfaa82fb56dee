import type { TImportMapping } from '@kap/shared';
import type { TRowGrouping } from './import-batch.types.ts';
import type { TSourceRow } from './reading/index.ts';

/** Lines of one order beyond which a batch is cut anyway (an order takes at most 500 lines). */
export const MAX_ORDER_LINES = 500;

/**
 * Lines per batch of an orders import. A batch holds advisory locks on the buckets of its orders'
 * external ids and of its customers (orders module, 4096 buckets each): 5,000 one-line orders of
 * 5,000 customers would take ~5,800 of the ~6,400 lock slots a default PostgreSQL has (64 per
 * connection × 100), so orders go in batches of 2,000 lines: at most ~3,200 locks, ~1,200 for a
 * typical three lines per order. In the bench 2,000-line batches ran as fast as 5,000 did;
 * 1,000 took 75% longer.
 */
export const ORDER_BATCH_SIZE = 2000;

/** The grouping of an orders file by its order id column; null for other object types. */
export function createRowGrouping(
  objectType: string,
  mapping: TImportMapping,
  headers: readonly string[],
): TRowGrouping | null {
  if (objectType !== 'order') return null;
  const column = mapping.columns.find((c) => c.target === 'orderId')?.column;
  const index = column === undefined ? -1 : headers.indexOf(column);
  return {
    keyOf: (row) => (index < 0 ? null : row.values[index]?.trim() || null),
    closed: new Map(),
    last: null,
  };
}

/**
 * Follows the file row by row (the runner calls it for rows it skips on resume, the planner for
 * the rows it plans): `same` continues the current order, `new` starts one, `apart` is a row of
 * an order whose lines ended earlier in the file (its lines are not on consecutive rows).
 */
export function followGroup(
  grouping: TRowGrouping,
  row: TSourceRow,
): { kind: 'same' | 'new' | 'apart' | 'none'; key: string | null; firstRow: number } {
  const key = grouping.keyOf(row);
  if (key === null) return { kind: 'none', key, firstRow: row.rowNumber };
  const last = grouping.last;
  if (last && last.key === key) return { kind: 'same', key, firstRow: last.firstRow };
  if (last) grouping.closed.set(last.key, last.firstRow);
  const earlier = grouping.closed.get(key);
  if (earlier !== undefined) {
    grouping.last = null;
    return { kind: 'apart', key, firstRow: earlier };
  }
  grouping.last = { key, firstRow: row.rowNumber };
  return { kind: 'new', key, firstRow: row.rowNumber };
}

/**
 * Whether the runner may end a batch before `row`: never inside an order, unless the batch is
 * already `MAX_ORDER_LINES` past full (that order is refused for its size anyway).
 */
export function canCutBefore(
  grouping: TRowGrouping | null,
  batch: readonly TSourceRow[],
  row: TSourceRow,
  batchSize: number,
): boolean {
  if (batch.length < batchSize) return false;
  if (!grouping || batch.length >= batchSize + MAX_ORDER_LINES + 1) return true;
  const previous = batch.at(-1);
  const key = grouping.keyOf(row);
  return key === null || previous === undefined || grouping.keyOf(previous) !== key;
}
