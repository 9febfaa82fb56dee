import type { TCreateTaskRequest, TListTasksQuery, TTask, TUpdateTaskRequest } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import {
  actorId,
  assertCanRead,
  assertCanWrite,
  isOwnerVisible,
  type TActor,
  visibleOwnerIdsOf,
} from '../../lib/actor.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { isUuid, newId } from '../../lib/ids.ts';
import { assertFreshVersion } from '../../lib/if-match.ts';
import { decodeCursor, toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/index.ts';
import {
  isTimelineTime,
  linkIdsOf,
  linkRequestsOf,
  resolveRecordLinks,
  type TRecordLink,
} from '../timeline/index.ts';
import { isMember } from '../workspaces/index.ts';
import { resolveTaskFilter } from './task-views.service.ts';
import {
  moveTaskLinks,
  replaceTaskLinks,
  selectTask,
  selectTaskLinks,
  selectTasksPage,
  TASK_COLUMNS,
  type TTaskRow,
  updateTaskLinkTimes,
} from './tasks.repository.ts';

export function toTask(row: TTaskRow, links: readonly TRecordLink[]): TTask {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    dueAt: row.dueAt?.toISOString() ?? null,
    assigneeId: row.assigneeId,
    priority: row.priority,
    status: row.status,
    completedAt: row.completedAt?.toISOString() ?? null,
    ...linkIdsOf(links),
    ownerId: row.ownerId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
  };
}

/** The audited view of a task: what a user edits, and when it was completed. */
const snapshotOf = ({
  id: _id,
  version: _v,
  createdAt: _c,
  updatedAt: _u,
  createdBy: _cb,
  updatedBy: _ub,
  ...rest
}: TTask) => rest;

async function assertAssigneeIsMember(trx: TTrx, actor: TActor, assigneeId: string | null): Promise<void> {
  // A signed-in user's own membership was checked when the request was authenticated.
  if (!assigneeId || (actor.type === 'user' && assigneeId === actor.userId)) return;
  if (!(await isMember(trx, actor.workspaceId, assigneeId))) {
    throw new AppError('VALIDATION_FAILED', 'The assignee must be a member of this workspace', [
      { path: 'assigneeId', message: 'Not a member of this workspace' },
    ]);
  }
}

/** Roles that see only their own (or their team's) records see the tasks assigned to or created by them. */
function isVisible(actor: TActor, row: TTaskRow): boolean {
  return isOwnerVisible(actor, row.assigneeId) || isOwnerVisible(actor, row.ownerId);
}

async function getVisibleRow(trx: TTrx, actor: TActor, id: string, forUpdate = false): Promise<TTaskRow> {
  const row = isUuid(id) ? await selectTask(trx, actor.workspaceId, id.toLowerCase(), forUpdate) : undefined;
  if (!row || !isVisible(actor, row)) throw notFound('Task');
  return row;
}

async function loadLinks(trx: TTrx, actor: TActor, id: string): Promise<TRecordLink[]> {
  return (await selectTaskLinks(trx, actor.workspaceId, [id])).get(id) ?? [];
}

export async function getTask(trx: TTrx, actor: TActor, id: string): Promise<TTask> {
  assertCanRead(actor, 'tasks');
  const row = await getVisibleRow(trx, actor, id);
  return toTask(row, await loadLinks(trx, actor, row.id));
}

export async function listTasks(trx: TTrx, actor: TActor, query: TListTasksQuery, now = new Date()) {
  assertCanRead(actor, 'tasks');
  const isDueSort = query.sort.endsWith('dueAt');
  const cursor = query.cursor
    ? decodeCursor(
        query.cursor,
        2,
        ([v, i]) =>
          typeof v === 'string' &&
          (isTimelineTime(v) || (isDueSort && v === 'infinity')) &&
          typeof i === 'string' &&
          isUuid(i),
      )
    : undefined;
  const rows = await selectTasksPage(
    trx,
    {
      workspaceId: actor.workspaceId,
      ...resolveTaskFilter(actor, query, now),
      visibleToUserIds: visibleOwnerIdsOf(actor) ?? undefined,
    },
    query.sort,
    query.limit + 1,
    cursor ? { value: String(cursor[0]), id: String(cursor[1]) } : undefined,
  );
  const links = await selectTaskLinks(
    trx,
    actor.workspaceId,
    rows.slice(0, query.limit).map((row) => row.id),
  );
  return toPage(
    rows,
    query.limit,
    (row) => toTask(row, links.get(row.id) ?? []),
    (row) => [row.sortValue, row.id],
  );
}

export async function createTask(trx: TTrx, actor: TActor, input: TCreateTaskRequest): Promise<TTask> {
  assertCanWrite(actor, 'tasks');
  const assigneeId =
    input.assigneeId === undefined ? actor.userId : (input.assigneeId?.toLowerCase() ?? null);
  await assertAssigneeIsMember(trx, actor, assigneeId);
  const links = await resolveRecordLinks(trx, actor, linkRequestsOf(input));
  const now = new Date();
  const status = input.status ?? 'open';
  const row = await trx
    .insertInto('tasks')
    .values({
      workspaceId: actor.workspaceId,
      id: newId(),
      title: input.title,
      description: input.description || null,
      dueAt: input.dueAt ? new Date(input.dueAt) : null,
      assigneeId,
      priority: input.priority ?? 'normal',
      status,
      completedAt: status === 'done' ? now : null,
      ownerId: actor.userId,
      createdAt: now,
      updatedAt: now,
      createdBy: actorId(actor),
      createdByType: actor.type,
      createdByName: actor.name,
      updatedBy: actorId(actor),
    })
    .returning(TASK_COLUMNS)
    .executeTakeFirstOrThrow();
  await replaceTaskLinks(trx, actor.workspaceId, row.id, row.timelineAt, null, links);
  const task = toTask(row, links);
  await recordAudit(trx, actor, {
    action: 'task.create',
    recordType: 'task',
    recordId: task.id,
    after: snapshotOf(task),
  });
  return task;
}

/** `expectedVersion` comes from If-Match: a stale write is refused with 412, never merged silently. */
export async function updateTask(
  trx: TTrx,
  actor: TActor,
  id: string,
  input: TUpdateTaskRequest,
  expectedVersion: number | null,
): Promise<TTask> {
  assertCanWrite(actor, 'tasks');
  const current = await getVisibleRow(trx, actor, id, true);
  assertFreshVersion('task', current.version, expectedVersion);
  const assigneeId =
    input.assigneeId === undefined ? current.assigneeId : (input.assigneeId?.toLowerCase() ?? null);
  if (input.assigneeId !== undefined) await assertAssigneeIsMember(trx, actor, assigneeId);
  const dueAt = input.dueAt === undefined ? current.dueAt : input.dueAt ? new Date(input.dueAt) : null;
  const newLinks = await resolveRecordLinks(trx, actor, linkRequestsOf(input));
  const before = toTask(current, await loadLinks(trx, actor, current.id));
  const status = input.status ?? current.status;
  const now = new Date();
  // A new due time or a new assignee is reminded afresh; completion is stamped by the status.
  const isRescheduled = dueAt?.getTime() !== current.dueAt?.getTime() || assigneeId !== current.assigneeId;
  const row = await trx
    .updateTable('tasks')
    .set({
      ...(input.title !== undefined && { title: input.title }),
      ...(input.description !== undefined && { description: input.description || null }),
      ...(input.priority !== undefined && { priority: input.priority }),
      dueAt,
      assigneeId,
      status,
      completedAt: status === 'done' ? (current.completedAt ?? now) : null,
      ...(isRescheduled && { remindedAt: null }),
      version: current.version + 1,
      updatedAt: now,
      updatedBy: actorId(actor),
    })
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', current.id)
    .returning(TASK_COLUMNS)
    .executeTakeFirstOrThrow();
  if (row.timelineAt.getTime() !== current.timelineAt.getTime()) {
    await updateTaskLinkTimes(trx, actor.workspaceId, row.id, row.timelineAt);
  }
  for (const request of linkRequestsOf(input)) {
    if (request.ids === undefined) continue;
    const links = newLinks.filter((link) => link.recordType === request.recordType);
    await replaceTaskLinks(trx, actor.workspaceId, row.id, row.timelineAt, request.recordType, links);
  }
  const after = toTask(row, await loadLinks(trx, actor, row.id));
  await recordAudit(trx, actor, {
    action: 'task.update',
    recordType: 'task',
    recordId: row.id,
    before: snapshotOf(before),
    after: snapshotOf(after),
  });
  return after;
}

export async function deleteTask(
  trx: TTrx,
  actor: TActor,
  id: string,
  expectedVersion: number | null,
): Promise<void> {
  assertCanWrite(actor, 'tasks');
  const current = await getVisibleRow(trx, actor, id, true);
  assertFreshVersion('task', current.version, expectedVersion);
  const before = toTask(current, await loadLinks(trx, actor, current.id));
  await trx
    .deleteFrom('tasks')
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', current.id)
    .execute();
  await recordAudit(trx, actor, {
    action: 'task.delete',
    recordType: 'task',
    recordId: current.id,
    before: snapshotOf(before),
  });
}

/**
 * For merges (people, companies): the merged records' tasks now belong to the survivor.
 * The caller has checked the records and writes the merge's audit entry; returns links moved.
 */
export async function moveTasksToRecord(
  trx: TTrx,
  actor: TActor,
  move: { recordType: string; fromIds: readonly string[]; toId: string },
): Promise<number> {
  return moveTaskLinks(trx, actor.workspaceId, move.recordType, move.fromIds, move.toId);
}
