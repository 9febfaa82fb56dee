import type { TImportMapping, TImportMatchKey, TImportMode, TImportRowOutcome } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import type { TSourceRow } from './reading/index.ts';

/** What one row of a batch came to; `values` is the record as it is (or would be) stored. */
export type TRowResult = {
  row: number;
  outcome: TImportRowOutcome;
  values: Record<string, unknown> | null;
  matchedId: string | null;
  reason: string | null;
  column: string | null;
};

export type TRejectedRow = { row: number; cells: string[]; column: string | null; reason: string };

export type TBatchCounts = { created: number; updated: number; skipped: number; rejected: number };

/** A batch planned against the database as it is: reading only, so a preview can stop here. */
export type TBatchPlan = {
  results: TRowResult[];
  rejected: TRejectedRow[];
  counts: TBatchCounts;
  /** Writes the batch in the caller's transaction. */
  write: (trx: TTrx) => Promise<void>;
};

export type TConversion =
  | { ok: true; record: unknown }
  | { ok: false; reason: string; column: string | null };

export type TBatchContext = {
  workspaceId: string;
  importId: string;
  /** `import:<id>`: created_by/updated_by of what the import writes, which undo looks for. */
  marker: string;
  actor: TActor;
  match: readonly TImportMatchKey[];
  mode: TImportMode;
  convert: (row: TSourceRow) => TConversion;
  /** Keep the stored values of at most this many rows in `results` (a preview shows them). */
  keepValues: number;
  /** Object types whose records span several rows (orders): where each group of rows ends. */
  grouping?: TRowGrouping;
  /** The import's mapping (orders read their default source and column names from it). */
  mapping?: TImportMapping;
};

/**
 * Rows that form one record (the lines of an order) by a key cell. Lives for one run: `closed`
 * holds the keys whose rows ended (another key followed), with the row their group began on.
 */
export type TRowGrouping = {
  keyOf: (row: TSourceRow) => string | null;
  closed: Map<string, number>;
  last: { key: string; firstRow: number } | null;
};

export type TBatchPlanner = (
  trx: TTrx,
  rows: readonly TSourceRow[],
  context: TBatchContext,
) => Promise<TBatchPlan>;

export const emptyCounts = (): TBatchCounts => ({ created: 0, updated: 0, skipped: 0, rejected: 0 });

export const isBlank = (value: unknown): boolean =>
  value === null ||
  value === undefined ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0);
