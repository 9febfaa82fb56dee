import type { TAuditEntry, ZListAuditQuery } from '@kap/shared';
import type { z } from 'zod';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, assertCapability, type TActor } from '../../lib/actor.ts';
import { isUuid, newId } from '../../lib/ids.ts';
import { decodeCursor, toPage } from '../../lib/pagination.ts';

type TSnapshot = Record<string, unknown>;

export type TAuditInput = {
  action: string;
  recordType: string;
  recordId: string;
  before?: TSnapshot | null;
  after?: TSnapshot | null;
  /**
   * Facts about the change that are not fields of the record (a merge's merged ids and what moved).
   * Stored in `after` beside the diff but never in `before`, so readers of the diff (the timeline)
   * tell them apart from fields: a changed field is a key of `before`.
   */
  details?: TSnapshot;
};

/** Keeps only what changed, so an update's entry reads as a diff. */
export function diffSnapshots(before: TSnapshot, after: TSnapshot): { before: TSnapshot; after: TSnapshot } {
  const changedBefore: TSnapshot = {};
  const changedAfter: TSnapshot = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    changedBefore[key] = before[key] ?? null;
    changedAfter[key] = after[key] ?? null;
  }
  return { before: changedBefore, after: changedAfter };
}

/** Written in the caller's transaction: the change and its audit entry commit together. */
export async function recordAudit(trx: TTrx, actor: TActor, input: TAuditInput): Promise<void> {
  const changes =
    input.before && input.after
      ? diffSnapshots(input.before, input.after)
      : { before: input.before ?? null, after: input.after ?? null };
  const after = input.details ? { ...(changes.after ?? {}), ...input.details } : changes.after;
  await trx
    .insertInto('auditLog')
    .values({
      workspaceId: actor.workspaceId,
      id: newId(),
      actorType: actor.type,
      actorId: actorId(actor),
      actorName: actor.name,
      action: input.action,
      recordType: input.recordType,
      recordId: input.recordId,
      before: changes.before ? JSON.stringify(changes.before) : null,
      after: after ? JSON.stringify(after) : null,
      requestId: actor.requestId,
    })
    .execute();
}

/** Same as recordAudit, for work done by Kap itself inside a workspace (jobs, sign-up). */
export async function recordSystemAudit(trx: TTrx, workspaceId: string, input: TAuditInput): Promise<void> {
  await trx
    .insertInto('auditLog')
    .values({
      workspaceId,
      id: newId(),
      actorType: 'system',
      actorId: null,
      actorName: null,
      action: input.action,
      recordType: input.recordType,
      recordId: input.recordId,
      before: input.before ? JSON.stringify(input.before) : null,
      after: input.after ? JSON.stringify(input.after) : null,
      requestId: null,
    })
    .execute();
}

export async function listAuditEntries(
  trx: TTrx,
  actor: TActor,
  query: z.infer<typeof ZListAuditQuery>,
): Promise<{ data: TAuditEntry[]; nextCursor: string | null }> {
  assertCapability(actor, 'audit:read');
  let select = trx.selectFrom('auditLog').selectAll().where('workspaceId', '=', actor.workspaceId);
  if (query.recordType) select = select.where('recordType', '=', query.recordType);
  if (query.recordId) select = select.where('recordId', '=', query.recordId);
  if (query.actorId) select = select.where('actorId', '=', query.actorId);
  if (query.action) select = select.where('action', '=', query.action);
  if (query.cursor) {
    const [lastId] = decodeCursor(query.cursor, 1, ([id]) => typeof id === 'string' && isUuid(id));
    select = select.where('id', '<', String(lastId));
  }
  const rows = await select
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  return toPage(
    rows,
    query.limit,
    (row) => ({
      id: row.id,
      occurredAt: row.occurredAt.toISOString(),
      actorType: row.actorType,
      actorId: row.actorId,
      actorName: row.actorName,
      action: row.action,
      recordType: row.recordType,
      recordId: row.recordId,
      before: row.before,
      after: row.after,
      requestId: row.requestId,
    }),
    (row) => [row.id],
  );
}
