import type { TImportMapping, TImportObjectType, TImportShape } from '@kap/shared';
import type { ColumnType, Generated } from 'kysely';

type TJson<T> = ColumnType<T, string, string>;

/** Who started an import; the job acts with these rights. */
export type TStoredActor = {
  type: 'user' | 'apiKey';
  userId: string | null;
  apiKeyId: string | null;
  name: string;
  role: string;
  teammateIds?: string[];
};

export type TImportRowError = { row: number; column: string | null; reason: string };

export type TImportsTable = {
  workspaceId: string;
  id: string;
  objectType: TImportObjectType;
  fileName: string;
  fileSize: ColumnType<number, number | undefined, number>;
  status: string;
  phase: ColumnType<string, string | undefined, string>;
  shape: ColumnType<TImportShape | null, string | null | undefined, string | null>;
  sampleRows: ColumnType<string[][], string | undefined, string>;
  mapping: ColumnType<TImportMapping | null, string | null | undefined, string | null>;
  isMappingSuggested: ColumnType<boolean, boolean | undefined, boolean>;
  match: ColumnType<string[], string[] | undefined, string[]>;
  mode: ColumnType<string, string | undefined, string>;
  processed: ColumnType<number, number | undefined, number>;
  lastRow: ColumnType<number, number | undefined, number>;
  bytesProcessed: ColumnType<number, number | undefined, number>;
  totalEstimate: number | null;
  createdCount: ColumnType<number, number | undefined, number>;
  updatedCount: ColumnType<number, number | undefined, number>;
  skippedCount: ColumnType<number, number | undefined, number>;
  rejectedCount: ColumnType<number, number | undefined, number>;
  rowsPerSecond: number | null;
  etaSeconds: number | null;
  createdFields: ColumnType<string[], string[] | undefined, string[]>;
  errors: ColumnType<TImportRowError[], string | undefined, string>;
  failureReason: string | null;
  cancelRequested: ColumnType<boolean, boolean | undefined, boolean>;
  actor: TJson<TStoredActor>;
  attempt: ColumnType<number, number | undefined, number>;
  heartbeatAt: Date | null;
  runStartedAt: Date | null;
  runProcessedStart: ColumnType<number, number | undefined, number>;
  createdBy: string | null;
  createdAt: Generated<Date>;
  startedAt: Date | null;
  finishedAt: Date | null;
  undoneAt: Date | null;
};

export type TImportFileChunksTable = {
  workspaceId: string;
  importId: string;
  seq: number;
  data: Buffer;
};

export type TImportRejectedRowsTable = {
  workspaceId: string;
  importId: string;
  rowNumber: number;
  cells: TJson<string[]>;
  columnName: string | null;
  reason: string;
};

export type TImportUpdatesTable = {
  workspaceId: string;
  importId: string;
  recordId: string;
  before: TJson<Record<string, unknown>>;
  versionAfter: number;
};

export type TImportMappingPresetsTable = {
  workspaceId: string;
  id: string;
  name: string;
  objectType: TImportObjectType;
  mapping: TJson<TImportMapping>;
  createdBy: string | null;
  createdAt: Generated<Date>;
};
