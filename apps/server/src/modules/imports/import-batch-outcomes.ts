import type { TTrx } from '../../db/tenant.ts';
import {
  emptyCounts,
  type TBatchContext,
  type TBatchCounts,
  type TRejectedRow,
  type TRowResult,
} from './import-batch.types.ts';
import { insertUpdateImages } from './imports.repository.ts';
import type { TSourceRow } from './reading/index.ts';

/** What a planner collects row by row, and how it refuses a row (counted, listed, in the results). */
export type TBatchOutcomes = {
  counts: TBatchCounts;
  results: TRowResult[];
  rejected: TRejectedRow[];
  reject: (row: TSourceRow, reason: string, column: string | null) => void;
};

export function createBatchOutcomes(): TBatchOutcomes {
  const counts = emptyCounts();
  const results: TRowResult[] = [];
  const rejected: TRejectedRow[] = [];
  const reject = (row: TSourceRow, reason: string, column: string | null) => {
    counts.rejected++;
    rejected.push({ row: row.rowNumber, cells: row.values, column, reason });
    results.push({
      row: row.rowNumber + 1,
      outcome: 'reject',
      values: null,
      matchedId: null,
      reason,
      column,
    });
  };
  return { counts, results, rejected, reject };
}

/** A stored record without its version stamp: the before-image undo writes back. */
export function withoutVersionStamp<T extends { version: unknown; updatedBy: unknown }>({
  version: _version,
  updatedBy: _updatedBy,
  ...rest
}: T): Omit<T, 'version' | 'updatedBy'> {
  return rest;
}

/**
 * Writes the records a batch updates (through the owning module's bulk update, which returns each
 * record's new version) and the before-image of each, so undo can put it back while that version
 * is still the current one. A record without a before-image or a new version gets no image.
 */
export async function updateRecordsWithImages<TRecord extends { id: string }>(
  trx: TTrx,
  context: TBatchContext,
  updates: readonly { record: TRecord; before: Record<string, unknown> | null }[],
  update: (
    trx: TTrx,
    workspaceId: string,
    records: readonly TRecord[],
    marker: string,
  ) => Promise<Map<string, number>>,
): Promise<void> {
  const versions = await update(
    trx,
    context.workspaceId,
    updates.map((u) => u.record),
    context.marker,
  );
  await insertUpdateImages(
    trx,
    context.workspaceId,
    context.importId,
    updates.flatMap(({ record, before }) => {
      const versionAfter = versions.get(record.id);
      return before && versionAfter !== undefined ? [{ recordId: record.id, before, versionAfter }] : [];
    }),
  );
}
