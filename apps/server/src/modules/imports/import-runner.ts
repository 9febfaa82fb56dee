import type { TImportMatchKey, TImportMode } from '@kap/shared';
import type { TDb } from '../../db/pool.ts';
import { type TTrx, withWorkspace } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { planActivitiesBatch } from './import-activities.batch.ts';
import type { TBatchContext, TBatchCounts, TBatchPlanner } from './import-batch.types.ts';
import { planCompaniesBatch } from './import-companies.batch.ts';
import { loadRowConverter } from './import-converter.ts';
import { deleteFileChunks, openFile } from './import-file.storage.ts';
import { canCutBefore, createRowGrouping, followGroup, ORDER_BATCH_SIZE } from './import-order-groups.ts';
import { planOrdersBatch } from './import-orders.batch.ts';
import { planPeopleBatch } from './import-people.batch.ts';
import { planProductsBatch } from './import-products.batch.ts';
import {
  advanceCheckpoint,
  firstErrors,
  insertRejectedRows,
  selectImport,
  type TImportRow,
  updateImport,
} from './imports.repository.ts';
import { tableShapeOf } from './imports.service.ts';
import type { TStoredActor } from './imports.table.ts';
import { readTableRows, type TSourceRow } from './reading/index.ts';

export const DEFAULT_BATCH_SIZE = 5000;

export const PLANNERS: Record<TImportRow['objectType'], TBatchPlanner | null> = {
  person: planPeopleBatch,
  company: planCompaniesBatch,
  activity: planActivitiesBatch,
  product: planProductsBatch,
  order: planOrdersBatch,
};

export const importMarker = (id: string) => `import:${id}`;

export function actorOf(row: TImportRow): TActor {
  const stored = row.actor as TStoredActor;
  return {
    type: stored.type,
    userId: stored.userId,
    apiKeyId: stored.apiKeyId,
    name: stored.name,
    workspaceId: row.workspaceId,
    role: stored.role as TActor['role'],
    requestId: null,
    ...(stored.teammateIds && { teammateIds: stored.teammateIds }),
  };
}

export type TRunOptions = {
  batchSize?: number;
  /** Tests: return after this many batches as if the process had died (lease left running). */
  stopAfterBatches?: number;
  /** The process is shutting down: after the current batch, hand the import back to the queue. */
  signal?: AbortSignal;
  /** Tests: runs inside each batch's transaction after its writes (throw to simulate a crash). */
  afterBatchWrite?: (batchIndex: number) => void;
  onProgress?: (row: {
    processed: number;
    total: number | null;
    rowsPerSecond: number | null;
    etaSeconds: number | null;
  }) => void;
};

export class LostLeaseError extends Error {
  constructor() {
    super('Another worker took this import over');
  }
}

/**
 * Runs a claimed import from its checkpoint to the end. Each batch is one transaction holding
 * its rows, its rejected rows and the advanced checkpoint, so a crash (kill -9) loses at most the
 * batch in flight, and the next claim resumes after the last committed row. Cancel is looked at
 * between batches.
 */
export async function runImport(
  db: TDb,
  claim: { workspaceId: string; id: string; attempt: number },
  options: TRunOptions = {},
): Promise<'completed' | 'cancelled' | 'failed' | 'stopped'> {
  const { workspaceId, id, attempt } = claim;
  const row = await withWorkspace(db, workspaceId, (trx) => selectImport(trx, workspaceId, id));
  if (!row) return 'failed';
  const actor = actorOf(row);
  try {
    const planner = PLANNERS[row.objectType];
    const shape = tableShapeOf(row);
    if (!planner || !row.mapping || !shape)
      throw new Error(`Importing ${row.objectType} is not supported yet`);
    const mapping = row.mapping;
    const convert = await withWorkspace(db, workspaceId, (trx) =>
      loadRowConverter(trx, actor, row.objectType, mapping, shape.headers),
    );
    const context: TBatchContext = {
      workspaceId,
      importId: id,
      marker: importMarker(id),
      actor,
      match: row.match as TImportMatchKey[],
      mode: row.mode as TImportMode,
      convert,
      keepValues: 0,
      mapping,
    };
    const grouping = createRowGrouping(row.objectType, mapping, shape.headers);
    if (grouping) context.grouping = grouping;
    const state = {
      processed: Number(row.processed),
      lastRow: Number(row.lastRow),
      bytes: Number(row.bytesProcessed),
      counts: {
        created: row.createdCount,
        updated: row.updatedCount,
        skipped: row.skippedCount,
        rejected: row.rejectedCount,
      },
      errors: row.errors,
      runStartedAt: Date.now(),
      runProcessedStart: Number(row.processed),
    };
    let bytesRead = 0;
    let batchIndex = 0;
    const flush = async (batch: TSourceRow[]): Promise<boolean> => {
      const cancelRequested = await withWorkspace(db, workspaceId, async (trx) => {
        const plan = await planner(trx, batch, context);
        await plan.write(trx);
        await insertRejectedRows(trx, workspaceId, id, plan.rejected);
        options.afterBatchWrite?.(batchIndex);
        const next = advanceState(state, batch, plan.counts, bytesRead, Number(row.fileSize));
        next.errors = firstErrors(
          state.errors,
          plan.rejected.map((r) => ({ row: r.row + 1, column: r.column, reason: r.reason })),
        );
        const result = await advanceCheckpoint(trx, workspaceId, id, attempt, {
          phase: 'writing',
          processed: next.processed,
          lastRow: next.lastRow,
          bytesProcessed: next.bytes,
          totalEstimate: next.total,
          createdCount: next.counts.created,
          updatedCount: next.counts.updated,
          skippedCount: next.counts.skipped,
          rejectedCount: next.counts.rejected,
          rowsPerSecond: next.rowsPerSecond,
          etaSeconds: next.etaSeconds,
          errors: JSON.stringify(next.errors),
        });
        if (!result) throw new LostLeaseError();
        Object.assign(state, next);
        options.onProgress?.(next);
        return result.cancelRequested;
      });
      batchIndex++;
      return cancelRequested;
    };
    await withWorkspace(db, workspaceId, (trx) =>
      advanceCheckpoint(trx, workspaceId, id, attempt, { phase: 'writing' }),
    );
    const batchSize = options.batchSize ?? (grouping ? ORDER_BATCH_SIZE : DEFAULT_BATCH_SIZE);
    let batch: TSourceRow[] = [];
    for await (const source of readTableRows(openFile(db, workspaceId, id), shape, {
      onBytes: (bytes) => {
        bytesRead = bytes;
      },
    })) {
      if (source.rowNumber <= state.lastRow) {
        // A resumed run: the rows done before still tell which orders have ended.
        if (grouping) followGroup(grouping, source);
        continue;
      }
      // A batch ends between rows, never inside an order (see import-order-groups.ts).
      if (!canCutBefore(grouping, batch, source, batchSize)) {
        batch.push(source);
        continue;
      }
      const isCancelled = await flush(batch);
      batch = [source];
      if (isCancelled) return await finish(db, row, attempt, 'cancelled', state.counts);
      if (options.stopAfterBatches !== undefined && batchIndex >= options.stopAfterBatches) return 'stopped';
      if (options.signal?.aborted) {
        // Requeued at once (not left for the 60 s stale sweep): another worker resumes from the checkpoint.
        await withWorkspace(db, workspaceId, (trx) =>
          advanceCheckpoint(trx, workspaceId, id, attempt, { status: 'queued', phase: 'waiting' }),
        );
        return 'stopped';
      }
    }
    if (batch.length > 0 && (await flush(batch)))
      return await finish(db, row, attempt, 'cancelled', state.counts);
    return await finish(db, row, attempt, 'completed', state.counts);
  } catch (error) {
    if (error instanceof LostLeaseError) return 'stopped';
    const reason = error instanceof Error ? error.message : String(error);
    await withWorkspace(db, workspaceId, async (trx) => {
      const current = await selectImport(trx, workspaceId, id, true);
      if (!current || current.attempt !== attempt || current.status !== 'running') return;
      await updateImport(trx, workspaceId, id, {
        status: 'failed',
        phase: 'finished',
        failureReason: reason.slice(0, 2000),
        finishedAt: new Date(),
        etaSeconds: null,
      });
      await recordAudit(trx, actor, {
        action: 'import.fail',
        recordType: 'import',
        recordId: id,
        after: { reason: reason.slice(0, 500), ...countsOf(current) },
      });
    });
    return 'failed';
  }
}

const countsOf = (row: TImportRow) => ({
  processed: Number(row.processed),
  created: row.createdCount,
  updated: row.updatedCount,
  skipped: row.skippedCount,
  rejected: row.rejectedCount,
});

function advanceState(
  state: {
    processed: number;
    lastRow: number;
    bytes: number;
    counts: TBatchCounts;
    runStartedAt: number;
    runProcessedStart: number;
    errors: TImportRow['errors'];
  },
  batch: readonly TSourceRow[],
  counts: TBatchCounts,
  bytesRead: number,
  fileSize: number,
) {
  const processed = state.processed + batch.length;
  const bytes = Math.max(state.bytes, bytesRead);
  const elapsed = (Date.now() - state.runStartedAt) / 1000;
  const rowsPerSecond = elapsed > 0 ? (processed - state.runProcessedStart) / elapsed : null;
  // Rows in the file, extrapolated from the bytes read so far (exact once the file is done).
  const total =
    bytes > 0 && fileSize > 0 ? Math.max(processed, Math.round((processed * fileSize) / bytes)) : null;
  const etaSeconds =
    total !== null && rowsPerSecond ? Math.max(0, (total - processed) / rowsPerSecond) : null;
  return {
    ...state,
    processed,
    lastRow: batch.at(-1)?.rowNumber ?? state.lastRow,
    bytes,
    counts: {
      created: state.counts.created + counts.created,
      updated: state.counts.updated + counts.updated,
      skipped: state.counts.skipped + counts.skipped,
      rejected: state.counts.rejected + counts.rejected,
    },
    total,
    rowsPerSecond,
    etaSeconds,
  };
}

async function finish(
  db: TDb,
  row: TImportRow,
  attempt: number,
  status: 'completed' | 'cancelled',
  counts: TBatchCounts,
): Promise<'completed' | 'cancelled'> {
  await withWorkspace(db, row.workspaceId, async (trx: TTrx) => {
    const current = await selectImport(trx, row.workspaceId, row.id, true);
    if (!current || current.attempt !== attempt || current.status !== 'running') throw new LostLeaseError();
    await updateImport(trx, row.workspaceId, row.id, {
      status,
      phase: 'finished',
      finishedAt: new Date(),
      etaSeconds: 0,
      ...(status === 'completed' && {
        totalEstimate: Number(current.processed),
        bytesProcessed: Number(current.fileSize),
      }),
    });
    // The file is not needed any more: rejected rows keep their cells, undo its before-images.
    await deleteFileChunks(trx, row.workspaceId, row.id);
    await recordAudit(trx, actorOf(row), {
      action: status === 'completed' ? 'import.finish' : 'import.cancelled',
      recordType: 'import',
      recordId: row.id,
      after: { ...counts, processed: Number(current.processed) },
    });
  });
  return status;
}
