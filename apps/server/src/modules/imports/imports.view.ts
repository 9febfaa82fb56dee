import type {
  TImport,
  TImportMatchKey,
  TImportMode,
  TImportPhase,
  TImportStatus,
  TImportSummary,
} from '@kap/shared';
import type { TImportRow } from './imports.repository.ts';

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export function toImport(row: TImportRow): TImport {
  const total =
    row.totalEstimate === null ? null : Math.max(Number(row.totalEstimate), Number(row.processed));
  const isDone = ['completed', 'undone'].includes(row.status);
  const percent = isDone ? 100 : total ? Math.min(99.9, (Number(row.processed) / total) * 100) : 0;
  return {
    id: row.id,
    objectType: row.objectType,
    fileName: row.fileName,
    fileSize: Number(row.fileSize),
    status: row.status as TImportStatus,
    phase: row.phase as TImportPhase,
    shape: row.shape,
    sampleRows: row.sampleRows,
    mapping: row.mapping,
    isMappingSuggested: row.isMappingSuggested,
    match: row.match as TImportMatchKey[],
    mode: row.mode as TImportMode,
    processed: Number(row.processed),
    total,
    bytesProcessed: Number(row.bytesProcessed),
    created: row.createdCount,
    updated: row.updatedCount,
    skipped: row.skippedCount,
    rejected: row.rejectedCount,
    rowsPerSecond: row.rowsPerSecond === null ? null : Math.round(row.rowsPerSecond),
    etaSeconds: row.etaSeconds === null ? null : Math.round(row.etaSeconds),
    percent: Math.round(percent * 10) / 10,
    createdFields: row.createdFields,
    errors: row.errors,
    failureReason: row.failureReason,
    cancelRequested: row.cancelRequested,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    undoneAt: iso(row.undoneAt),
  };
}

export function toImportSummary(row: TImportRow): TImportSummary {
  const full = toImport(row);
  return {
    id: full.id,
    objectType: full.objectType,
    fileName: full.fileName,
    fileSize: full.fileSize,
    status: full.status,
    phase: full.phase,
    processed: full.processed,
    total: full.total,
    created: full.created,
    updated: full.updated,
    skipped: full.skipped,
    rejected: full.rejected,
    rowsPerSecond: full.rowsPerSecond,
    etaSeconds: full.etaSeconds,
    percent: full.percent,
    createdBy: full.createdBy,
    createdAt: full.createdAt,
    finishedAt: full.finishedAt,
  };
}
