import type { TCreateViewRequest, TUpdateViewRequest, TView, TViewObjectType } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, assertCanRead, assertCanWrite, type TActor } from '../../lib/actor.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { isUuid, newId } from '../../lib/ids.ts';
import { assertFreshVersion } from '../../lib/if-match.ts';
import { recordAudit } from '../audit/index.ts';
import { assertViewCriteria } from './view-targets.ts';
import { selectView, selectVisibleViews, type TViewRow } from './views.repository.ts';

const PERMISSION = { person: 'people', company: 'companies', deal: 'deals' } as const;

function toView(row: TViewRow): TView {
  return {
    id: row.id,
    objectType: row.objectType,
    name: row.name,
    isShared: row.isShared,
    ownerId: row.ownerId,
    filter: row.filter,
    sort: row.sort,
    columns: row.columns,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const snapshotOf = (row: TViewRow) => {
  const { id: _i, version: _v, createdAt: _c, updatedAt: _u, ...fields } = toView(row);
  return fields;
};

const isVisibleTo = (actor: TActor, row: TViewRow) =>
  row.isShared || (row.ownerId !== null && row.ownerId === actor.userId);

async function getVisibleRow(trx: TTrx, actor: TActor, id: string, forUpdate = false): Promise<TViewRow> {
  const row = isUuid(id) ? await selectView(trx, actor.workspaceId, id, forUpdate) : undefined;
  if (!row || !isVisibleTo(actor, row)) throw notFound('View');
  assertCanRead(actor, PERMISSION[row.objectType]);
  return row;
}

/** A view the list may apply: visible to the actor and of the list's record type. */
export async function getVisibleView(
  trx: TTrx,
  actor: TActor,
  id: string,
  objectType: TViewObjectType,
): Promise<TView> {
  const row = await getVisibleRow(trx, actor, id);
  if (row.objectType !== objectType) {
    throw new AppError('VALIDATION_FAILED', `Invalid query.viewId: a view of ${row.objectType} records`, [
      { path: 'query.viewId', message: `A view of ${row.objectType} records` },
    ]);
  }
  return toView(row);
}

export async function listViews(trx: TTrx, actor: TActor, objectType: TViewObjectType | undefined) {
  const rows = await selectVisibleViews(trx, actor.workspaceId, actor.userId, objectType);
  const readable = rows.filter((row) => canReadType(actor, row.objectType));
  return { data: readable.map(toView), nextCursor: null };
}

function canReadType(actor: TActor, objectType: TViewObjectType): boolean {
  try {
    assertCanRead(actor, PERMISSION[objectType]);
    return true;
  } catch {
    return false;
  }
}

export async function getView(trx: TTrx, actor: TActor, id: string): Promise<TView> {
  return toView(await getVisibleRow(trx, actor, id));
}

/** Shared views change what everyone sees: only roles that may change those records make them. */
function assertMayEdit(
  actor: TActor,
  row: { objectType: TViewObjectType; isShared: boolean; ownerId: string | null },
) {
  if (row.isShared) assertCanWrite(actor, PERMISSION[row.objectType]);
  else if (row.ownerId !== actor.userId) throw forbidden('Only its owner changes a personal view');
}

export async function createView(trx: TTrx, actor: TActor, input: TCreateViewRequest): Promise<TView> {
  assertCanRead(actor, PERMISSION[input.objectType]);
  if (!input.isShared && !actor.userId)
    throw forbidden('An API key without a user can only make shared views');
  assertMayEdit(actor, { ...input, ownerId: actor.userId });
  await assertViewCriteria(trx, actor.workspaceId, input.objectType, input.filter, input.sort);
  const row = await trx
    .insertInto('views')
    .values({
      workspaceId: actor.workspaceId,
      id: newId(),
      objectType: input.objectType,
      name: input.name,
      ownerId: actor.userId,
      isShared: input.isShared,
      filter: input.filter === null ? null : JSON.stringify(input.filter),
      sort: input.sort,
      columns: JSON.stringify(input.columns),
      createdBy: actorId(actor),
      updatedBy: actorId(actor),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, {
    action: 'view.create',
    recordType: 'view',
    recordId: row.id,
    after: snapshotOf(row),
  });
  return toView(row);
}

function assertVersion(row: TViewRow, expected: number | null): void {
  assertFreshVersion('view', row.version, expected);
}

export async function updateView(
  trx: TTrx,
  actor: TActor,
  id: string,
  input: TUpdateViewRequest,
  expectedVersion: number | null,
): Promise<TView> {
  const current = await getVisibleRow(trx, actor, id, true);
  assertVersion(current, expectedVersion);
  assertMayEdit(actor, current);
  const isShared = input.isShared ?? current.isShared;
  assertMayEdit(actor, { ...current, isShared });
  const filter = input.filter === undefined ? current.filter : input.filter;
  const sort = input.sort === undefined ? current.sort : input.sort;
  await assertViewCriteria(trx, actor.workspaceId, current.objectType, filter, sort);
  const row = await trx
    .updateTable('views')
    .set((eb) => ({
      name: input.name ?? current.name,
      isShared,
      filter: filter === null ? null : JSON.stringify(filter),
      sort,
      columns: JSON.stringify(input.columns ?? current.columns),
      version: eb('version', '+', 1),
      updatedAt: new Date(),
      updatedBy: actorId(actor),
    }))
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, {
    action: 'view.update',
    recordType: 'view',
    recordId: id,
    before: snapshotOf(current),
    after: snapshotOf(row),
  });
  return toView(row);
}

export async function deleteView(
  trx: TTrx,
  actor: TActor,
  id: string,
  expectedVersion: number | null,
): Promise<void> {
  const current = await getVisibleRow(trx, actor, id, true);
  assertVersion(current, expectedVersion);
  assertMayEdit(actor, current);
  await trx.deleteFrom('views').where('workspaceId', '=', actor.workspaceId).where('id', '=', id).execute();
  await recordAudit(trx, actor, {
    action: 'view.delete',
    recordType: 'view',
    recordId: id,
    before: snapshotOf(current),
  });
}
