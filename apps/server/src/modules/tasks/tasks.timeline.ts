import { canAccess, type TTimelineItem } from '@kap/shared';
import type { TTimelineSource } from '../timeline/index.ts';
import { selectTasksForRecord, type TTaskRow } from './tasks.repository.ts';

const excerptOf = (text: string | null, maxLength: number) => {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
};

/** A task row as the timeline's union query returns it (JSON: times as ISO text). */
type TTaskItemRow = Omit<TTaskRow, 'dueAt' | 'completedAt'> & {
  dueAt: string | null;
  completedAt: string | null;
  at: string;
};

/** PostgreSQL's JSON time (microseconds, an offset) as the API's other times: `Date#toISOString`. */
const toIsoTime = (value: string | null) => (value === null ? null : new Date(value).toISOString());

function toItem(row: TTaskItemRow): TTimelineItem {
  return {
    kind: 'task',
    id: row.id,
    occurredAt: row.at,
    title: row.title,
    summary: excerptOf(row.description, 280),
    channel: null,
    actor: row.createdByType ? { type: row.createdByType, id: row.createdBy, name: row.createdByName } : null,
    data: {
      status: row.status,
      priority: row.priority,
      dueAt: toIsoTime(row.dueAt),
      assigneeId: row.assigneeId,
      completedAt: toIsoTime(row.completedAt),
    },
  };
}

/**
 * Tasks linked to the record, placed at their due time (at their creation when they have none):
 * what is coming up sits at the top of the timeline. Tasks have no channel.
 */
export const taskTimelineSource: TTimelineSource<TTaskItemRow> = {
  kind: 'task',
  selectForRecord: (trx, actor, record, page, filters) =>
    filters.channels || !canAccess(actor.role, 'tasks', 'read')
      ? null
      : selectTasksForRecord(trx, actor.workspaceId, record, page),
  toItem,
};
