import { type Selectable, sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { keysetAfter } from '../../lib/pagination.ts';
import {
  selectTimelineTime,
  type TRecordLink,
  type TTimelineCursor,
  type TTimelineRecord,
} from '../timeline/index.ts';
import type { TTasksTable } from './tasks.table.ts';

export const TASK_COLUMNS = [
  'tasks.id',
  'tasks.title',
  'tasks.description',
  'tasks.dueAt',
  'tasks.timelineAt',
  'tasks.assigneeId',
  'tasks.priority',
  'tasks.status',
  'tasks.completedAt',
  'tasks.remindedAt',
  'tasks.ownerId',
  'tasks.version',
  'tasks.createdAt',
  'tasks.updatedAt',
  'tasks.createdBy',
  'tasks.createdByType',
  'tasks.createdByName',
  'tasks.updatedBy',
] as const;

export type TTaskRow = Omit<Selectable<TTasksTable>, 'workspaceId' | 'dueSort'>;

export async function selectTask(
  trx: TTrx,
  workspaceId: string,
  id: string,
  forUpdate = false,
): Promise<TTaskRow | undefined> {
  let query = trx
    .selectFrom('tasks')
    .select(TASK_COLUMNS)
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function selectTaskLinks(
  trx: TTrx,
  workspaceId: string,
  taskIds: readonly string[],
): Promise<Map<string, TRecordLink[]>> {
  const byTask = new Map<string, TRecordLink[]>();
  if (taskIds.length === 0) return byTask;
  const rows = await trx
    .selectFrom('taskLinks')
    .select(['taskId', 'recordType', 'recordId'])
    .where('workspaceId', '=', workspaceId)
    .where('taskId', 'in', taskIds)
    .orderBy('recordType')
    .orderBy('recordId')
    .execute();
  for (const row of rows) {
    const links = byTask.get(row.taskId) ?? [];
    links.push({ recordType: row.recordType, recordId: row.recordId });
    byTask.set(row.taskId, links);
  }
  return byTask;
}

/** Replaces the task's links of one record type (all, when `recordType` is null) with `links`. */
export async function replaceTaskLinks(
  trx: TTrx,
  workspaceId: string,
  taskId: string,
  timelineAt: Date,
  recordType: string | null,
  links: readonly TRecordLink[],
): Promise<void> {
  if (recordType !== null) {
    await trx
      .deleteFrom('taskLinks')
      .where('workspaceId', '=', workspaceId)
      .where('taskId', '=', taskId)
      .where('recordType', '=', recordType)
      .execute();
  }
  if (links.length === 0) return;
  await trx
    .insertInto('taskLinks')
    .values(links.map((link) => ({ workspaceId, taskId, timelineAt, ...link })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The links' copy of the timeline time follows the task's (its due time, else its creation). */
export async function updateTaskLinkTimes(trx: TTrx, workspaceId: string, taskId: string, timelineAt: Date) {
  await trx
    .updateTable('taskLinks')
    .set({ timelineAt })
    .where('workspaceId', '=', workspaceId)
    .where('taskId', '=', taskId)
    .execute();
}

export type TTasksFilter = {
  workspaceId: string;
  assigneeId?: string | null | undefined;
  statuses?: readonly string[] | undefined;
  priorities?: readonly string[] | undefined;
  linkedTo?: readonly TTimelineRecord[] | undefined;
  dueFrom?: Date | undefined;
  dueTo?: Date | undefined;
  /** Record scope "own"/"team": only tasks assigned to or created by these users. */
  visibleToUserIds?: readonly string[] | undefined;
};

export type TTaskSort = 'dueAt' | '-dueAt' | 'createdAt' | '-createdAt';

/** The sort column as a plain column, and its cursor text ('infinity' for "no due date"). */
export function sortColumnOf(sort: TTaskSort) {
  const isDue = sort.endsWith('dueAt');
  const column = isDue ? sql`tasks.due_sort` : sql`tasks.created_at`;
  return {
    column,
    isDescending: sort.startsWith('-'),
    cursorValue: isDue
      ? sql<string>`case when tasks.due_at is null then 'infinity' else ${selectTimelineTime(column)} end`
      : selectTimelineTime(column),
  };
}

/** Up to `count` tasks after the cursor, in the sort's order, ties broken by id. */
export async function selectTasksPage(
  trx: TTrx,
  filter: TTasksFilter,
  sort: TTaskSort,
  count: number,
  after: { value: string; id: string } | undefined,
) {
  const { column, isDescending, cursorValue } = sortColumnOf(sort);
  let query = trx.selectFrom('tasks').where('tasks.workspaceId', '=', filter.workspaceId);
  if (filter.assigneeId !== undefined) {
    query =
      filter.assigneeId === null
        ? query.where(sql<boolean>`false`)
        : query.where('tasks.assigneeId', '=', filter.assigneeId);
  }
  if (filter.statuses)
    query = query.where('tasks.status', 'in', [...filter.statuses] as TTaskRow['status'][]);
  if (filter.priorities)
    query = query.where('tasks.priority', 'in', [...filter.priorities] as TTaskRow['priority'][]);
  for (const record of filter.linkedTo ?? []) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('taskLinks')
          .select(sql`1`.as('one'))
          .whereRef('taskLinks.workspaceId', '=', 'tasks.workspaceId')
          .whereRef('taskLinks.taskId', '=', 'tasks.id')
          .where('taskLinks.recordType', '=', record.type)
          .where('taskLinks.recordId', '=', record.id),
      ),
    );
  }
  // On due_sort (a plain, indexed column) rather than due_at; "no due date" is infinity there.
  if (filter.dueFrom || filter.dueTo) query = query.where('tasks.dueAt', 'is not', null);
  if (filter.dueFrom) query = query.where(sql<boolean>`tasks.due_sort >= ${filter.dueFrom}`);
  if (filter.dueTo) query = query.where(sql<boolean>`tasks.due_sort < ${filter.dueTo}`);
  const userIds = filter.visibleToUserIds;
  if (userIds !== undefined) {
    query =
      userIds.length > 0
        ? query.where((eb) =>
            eb.or([eb('tasks.assigneeId', 'in', userIds), eb('tasks.ownerId', 'in', userIds)]),
          )
        : query.where(sql<boolean>`false`);
  }
  if (after)
    query = query.where(
      keysetAfter(column, sql`tasks.id`, after.value, 'timestamptz', after.id, isDescending),
    );
  const direction = isDescending ? sql`desc` : sql`asc`;
  return query
    .select(TASK_COLUMNS)
    .select(cursorValue.as('sortValue'))
    .orderBy(sql`${column} ${direction}`)
    .orderBy(sql`tasks.id ${direction}`)
    .limit(count)
    .execute();
}

/**
 * A record's tasks for its timeline, newest first, read from the record's links: one part of the
 * timeline's statement, so the query is returned unrun.
 */
export function selectTasksForRecord(
  trx: TTrx,
  workspaceId: string,
  record: TTimelineRecord,
  page: { before?: TTimelineCursor | undefined; limit: number },
) {
  const time = sql`task_links.timeline_at`;
  let query = trx
    .selectFrom('taskLinks')
    .innerJoin('tasks', (join) =>
      join
        .onRef('tasks.workspaceId', '=', 'taskLinks.workspaceId')
        .onRef('tasks.id', '=', 'taskLinks.taskId'),
    )
    .where('taskLinks.workspaceId', '=', workspaceId)
    .where('taskLinks.recordType', '=', record.type)
    .where('taskLinks.recordId', '=', record.id);
  if (page.before) {
    query = query.where(
      keysetAfter(time, sql`task_links.task_id`, page.before.at, 'timestamptz', page.before.id, true),
    );
  }
  return query
    .select(TASK_COLUMNS)
    .select(selectTimelineTime(time).as('at'))
    .orderBy(sql`${time} desc`)
    .orderBy(sql`task_links.task_id desc`)
    .limit(page.limit);
}

/** Moves every link to `fromIds` onto `toId` (a merge of records); see moveActivityLinks. */
export async function moveTaskLinks(
  trx: TTrx,
  workspaceId: string,
  recordType: string,
  fromIds: readonly string[],
  toId: string,
): Promise<number> {
  if (fromIds.length === 0) return 0;
  await sql`insert into task_links (workspace_id, task_id, record_type, record_id, timeline_at)
    select workspace_id, task_id, record_type, ${toId}::uuid, timeline_at from task_links
    where workspace_id = ${workspaceId} and record_type = ${recordType} and record_id = any(${[...fromIds]}::uuid[])
    on conflict do nothing`.execute(trx);
  const deleted = await trx
    .deleteFrom('taskLinks')
    .where('workspaceId', '=', workspaceId)
    .where('recordType', '=', recordType)
    .where('recordId', 'in', [...fromIds])
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
