import { sql } from 'kysely';
import type { TTrx } from '../db/tenant.ts';

/**
 * An import writes its marker into `created_by`/`updated_by` of the rows it creates, so undo can
 * find them again. These are the marker queries every importing module runs on its own table: the
 * module names the table (a fixed identifier in its code, never user input) and keeps the function
 * that callers see.
 */
export type TImportMarkedTable = 'people' | 'companies' | 'activities' | 'products' | 'orders';

/** Ids of rows the import created that someone changed since (undo refuses to delete them). */
export async function selectRowsCreatedByMarkerChangedSince(
  trx: TTrx,
  table: TImportMarkedTable,
  workspaceId: string,
  marker: string,
  limit: number,
): Promise<string[]> {
  const result = await sql<{ id: string }>`
    select id from ${sql.table(table)}
     where workspace_id = ${workspaceId} and created_by = ${marker} and updated_by is distinct from ${marker}
     limit ${limit}`.execute(trx);
  return result.rows.map((row) => row.id);
}

/** Deletes the rows the import created; returns how many. */
export async function deleteRowsCreatedByMarker(
  trx: TTrx,
  table: TImportMarkedTable,
  workspaceId: string,
  marker: string,
): Promise<number> {
  const result =
    await sql`delete from ${sql.table(table)} where workspace_id = ${workspaceId} and created_by = ${marker}`.execute(
      trx,
    );
  return Number(result.numAffectedRows ?? 0);
}

/** Sets `updated_by` row by row (undo puts back the marker a row had before a later import). */
export async function setRowsUpdatedBy(
  trx: TTrx,
  table: TImportMarkedTable,
  workspaceId: string,
  rows: readonly { id: string; updatedBy: string | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    update ${sql.table(table)} t set updated_by = x.updated_by
      from unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.updatedBy)}::text[]) as x(id, updated_by)
     where t.workspace_id = ${workspaceId} and t.id = x.id`.execute(trx);
}
