import { canAccess, type TTimelineItem } from '@kap/shared';
import type { TTimelineSource } from '../timeline/index.ts';
import { selectTasksForRecord, type TTaskRow } from './tasks.repository.ts';

const excerptOf = (text: string | null, maxLength: number) => {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
};

function toItem(row: TTaskRow & { sortTime: string }): TTimelineItem {
  return {
    kind: 'task',
    id: row.id,
    occurredAt: row.sortTime,
    title: row.title,
    summary: excerptOf(row.description, 280),
    channel: null,
    actor: row.createdByType ? { type: row.createdByType, id: row.createdBy, name: row.createdByName } : null,
    data: {
      status: row.status,
      priority: row.priority,
      dueAt: row.dueAt?.toISOString() ?? null,
      assigneeId: row.assigneeId,
      completedAt: row.completedAt?.toISOString() ?? null,
    },
  };
}

/**
 * Tasks linked to the record, placed at their due time (at their creation when they have none):
 * what is coming up sits at the top of the timeline. Tasks have no channel.
 */
export const taskTimelineSource: TTimelineSource = {
  kind: 'task',
  listForRecord: async (trx, actor, record, page, filters) => {
    if (filters.channels || !canAccess(actor.role, 'tasks', 'read')) return [];
    const rows = await selectTasksForRecord(trx, actor.workspaceId, record, page);
    return rows.map(toItem);
  },
};
