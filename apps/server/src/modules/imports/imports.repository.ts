import type { Insertable, Selectable, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { TDb } from '../../db/pool.ts';
import type { TTrx } from '../../db/tenant.ts';
import type { TImportRowError, TImportsTable } from './imports.table.ts';

export type TImportRow = Selectable<TImportsTable>;

export async function insertImport(trx: TTrx, values: Insertable<TImportsTable>): Promise<void> {
  await trx.insertInto('imports').values(values).execute();
}

export async function selectImport(
  trx: TTrx,
  workspaceId: string,
  id: string,
  forUpdate = false,
): Promise<TImportRow | undefined> {
  let query = trx
    .selectFrom('imports')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** A page of imports, newest first; `after` is the last row's exact (microsecond) time and id. */
export async function selectImportPage(
  trx: TTrx,
  workspaceId: string,
  input: { limit: number; objectType?: string | undefined; after?: { createdAt: string; id: string } },
): Promise<(TImportRow & { cursorTime: string })[]> {
  let query = trx
    .selectFrom('imports')
    .selectAll()
    .select(
      sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('cursorTime'),
    )
    .where('workspaceId', '=', workspaceId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit + 1);
  if (input.objectType) query = query.where('objectType', '=', input.objectType as TImportRow['objectType']);
  const after = input.after;
  if (after) {
    // Microseconds matter: a JS Date would round the cursor to milliseconds and skip rows.
    const time = sql<Date>`${after.createdAt}::timestamptz`;
    query = query.where((eb) =>
      eb.or([eb('createdAt', '<', time), eb.and([eb('createdAt', '=', time), eb('id', '<', after.id)])]),
    );
  }
  return query.execute();
}

export async function updateImport(
  trx: TTrx,
  workspaceId: string,
  id: string,
  values: Updateable<TImportsTable>,
): Promise<void> {
  await trx
    .updateTable('imports')
    .set(values)
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/**
 * Advances the checkpoint and counts of a running import, only while `attempt` still holds the
 * lease. Runs in the batch's transaction: the rows and the checkpoint commit together or not at all.
 */
export async function advanceCheckpoint(
  trx: TTrx,
  workspaceId: string,
  id: string,
  attempt: number,
  values: Updateable<TImportsTable>,
): Promise<{ cancelRequested: boolean } | undefined> {
  return trx
    .updateTable('imports')
    .set({ ...values, heartbeatAt: new Date() })
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .where('attempt', '=', attempt)
    .where('status', '=', 'running')
    .returning('cancelRequested')
    .executeTakeFirst();
}

/**
 * Takes the next import to run, across workspaces (the worker's system connection): a queued one,
 * or a running one whose worker stopped beating (killed, crashed) — that one resumes from its
 * checkpoint. `skip locked`: workers never wait for each other.
 */
export async function claimRunnableImport(
  db: TDb,
  staleAfterSeconds: number,
  only?: { workspaceId: string; id: string },
): Promise<{ workspaceId: string; id: string; attempt: number } | undefined> {
  const onlyThis = only ? sql`and workspace_id = ${only.workspaceId} and id = ${only.id}` : sql``;
  const result = await sql<{ workspaceId: string; id: string; attempt: number }>`
    update imports i
       set status = 'running', attempt = i.attempt + 1, heartbeat_at = now(), run_started_at = now(),
           run_processed_start = i.processed, started_at = coalesce(i.started_at, now())
     where (i.workspace_id, i.id) = (
       select workspace_id, id from imports
        where (status = 'queued'
           or (status = 'running' and heartbeat_at < now() - make_interval(secs => ${staleAfterSeconds}))) ${onlyThis}
        order by created_at
        limit 1
        for update skip locked)
    returning i.workspace_id, i.id, i.attempt`.execute(db);
  return result.rows[0];
}

/** Uploads nobody started, after a week: their files go. */
export async function deleteAbandonedUploads(db: TDb): Promise<number> {
  const result = await sql`
    delete from import_file_chunks c using imports i
     where c.workspace_id = i.workspace_id and c.import_id = i.id
       and i.status = 'uploaded' and i.created_at < now() - interval '7 days'`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export async function insertRejectedRows(
  trx: TTrx,
  workspaceId: string,
  importId: string,
  rows: { row: number; cells: string[]; column: string | null; reason: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into import_rejected_rows (workspace_id, import_id, row_number, cells, column_name, reason)
    select ${workspaceId}, ${importId}, x.row, x.cells, x.col, x.reason
      from json_to_recordset(${JSON.stringify(rows.map((r) => ({ row: r.row, cells: r.cells, col: r.column, reason: r.reason })))}::json)
        as x(row bigint, cells jsonb, col text, reason text)
    on conflict do nothing`.execute(trx);
}

/** Rejected rows in file order, a page at a time (the CSV download streams them). */
export async function selectRejectedRows(
  trx: TTrx,
  workspaceId: string,
  importId: string,
  afterRow: number,
  limit: number,
): Promise<{ rowNumber: number; cells: string[]; columnName: string | null; reason: string }[]> {
  return trx
    .selectFrom('importRejectedRows')
    .select(['rowNumber', 'cells', 'columnName', 'reason'])
    .where('workspaceId', '=', workspaceId)
    .where('importId', '=', importId)
    .where('rowNumber', '>', afterRow)
    .orderBy('rowNumber')
    .limit(limit)
    .execute();
}

export async function deleteRejectedRows(trx: TTrx, workspaceId: string, importId: string): Promise<void> {
  await trx
    .deleteFrom('importRejectedRows')
    .where('workspaceId', '=', workspaceId)
    .where('importId', '=', importId)
    .execute();
}

export async function insertUpdateImages(
  trx: TTrx,
  workspaceId: string,
  importId: string,
  images: { recordId: string; before: Record<string, unknown>; versionAfter: number }[],
): Promise<void> {
  if (images.length === 0) return;
  // The first before-image of a record wins: a later row of the same file updating it again
  // must not replace what undo restores.
  await sql`
    insert into import_updates (workspace_id, import_id, record_id, before, version_after)
    select ${workspaceId}, ${importId}, x.record_id, x.before, x.version_after
      from json_to_recordset(${JSON.stringify(images.map((i) => ({ record_id: i.recordId, before: i.before, version_after: i.versionAfter })))}::json)
        as x(record_id uuid, before jsonb, version_after integer)
    on conflict (workspace_id, import_id, record_id) do update set version_after = excluded.version_after`.execute(
    trx,
  );
}

export async function selectUpdateImages(
  trx: TTrx,
  workspaceId: string,
  importId: string,
  afterRecordId: string | null,
  limit: number,
): Promise<{ recordId: string; before: Record<string, unknown>; versionAfter: number }[]> {
  let query = trx
    .selectFrom('importUpdates')
    .select(['recordId', 'before', 'versionAfter'])
    .where('workspaceId', '=', workspaceId)
    .where('importId', '=', importId)
    .orderBy('recordId')
    .limit(limit);
  if (afterRecordId) query = query.where('recordId', '>', afterRecordId);
  return query.execute();
}

export const firstErrors = (
  current: TImportRowError[],
  more: TImportRowError[],
  max = 20,
): TImportRowError[] => (current.length >= max ? current : [...current, ...more].slice(0, max));
