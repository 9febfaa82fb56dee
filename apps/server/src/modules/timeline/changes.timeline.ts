import type { TTimelineItem } from '@kap/shared';
import { listRecordHistory, type TRecordHistoryEntry } from '../audit/index.ts';
import type { TTimelineSource } from './timeline.types.ts';

const VERBS: Record<string, string> = {
  create: 'Created',
  update: 'Updated',
  delete: 'Deleted',
  merge: 'Merged',
};

function toChanges(entry: TRecordHistoryEntry) {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].map((field) => ({
    field,
    before: before[field] ?? null,
    after: after[field] ?? null,
  }));
}

function toItem(entry: TRecordHistoryEntry): TTimelineItem {
  const verb = entry.action.split('.').at(-1) ?? entry.action;
  const changes = toChanges(entry);
  return {
    kind: 'change',
    id: entry.id,
    occurredAt: entry.occurredAt,
    title: VERBS[verb] ?? entry.action,
    summary: changes.length > 0 ? `Changed ${changes.map((c) => c.field).join(', ')}` : '',
    channel: null,
    actor: { type: entry.actorType, id: entry.actorId, name: entry.actorName },
    data: { action: entry.action, changes },
  };
}

/**
 * Field changes from the audit log. Anyone who may see the record may see its history (the
 * workspace-wide audit log stays for admins). Changes happen in no channel, so a channel filter
 * leaves them out.
 */
export const changeTimelineSource: TTimelineSource = {
  kind: 'change',
  listForRecord: async (trx, actor, record, page, filters) => {
    if (filters.channels) return [];
    const entries = await listRecordHistory(trx, actor.workspaceId, record, page);
    return entries.map(toItem);
  },
};
