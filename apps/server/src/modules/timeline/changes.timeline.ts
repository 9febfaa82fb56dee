import type { TTimelineItem } from '@kap/shared';
import { sql } from 'kysely';
import { selectRecordHistory, type TRecordHistoryEntry } from '../audit/index.ts';
import { selectTimelineTime } from './timeline.sql.ts';
import type { TTimelineSource } from './timeline.types.ts';

const VERBS: Record<string, string> = {
  create: 'Created',
  update: 'Updated',
  delete: 'Deleted',
  merge: 'Merged',
};

const isEmpty = (value: unknown) =>
  value === null ||
  value === undefined ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && value !== null && Object.keys(value).length === 0);

/**
 * The fields an entry changed. An update's `before` holds exactly the changed fields (the audit
 * diff); `after` may also carry details that are not fields (a merge's merged ids, what moved), so
 * the keys of `before` name the fields. A creation lists the fields it set, a deletion those it
 * cleared.
 */
function toChanges(entry: TRecordHistoryEntry) {
  const { before, after } = entry;
  const fields = before
    ? Object.keys(before).filter(
        (field) => !after || JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null),
      )
    : Object.keys(after ?? {}).filter((field) => !isEmpty(after?.[field]));
  return fields.map((field) => ({
    field,
    before: before?.[field] ?? null,
    after: after?.[field] ?? null,
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
export const changeTimelineSource: TTimelineSource<TRecordHistoryEntry> = {
  kind: 'change',
  selectForRecord: (trx, actor, record, page, filters) =>
    filters.channels
      ? null
      : selectRecordHistory(trx, actor.workspaceId, record, page).select(
          selectTimelineTime(sql`audit_log.occurred_at`).as('at'),
        ),
  toItem,
};
