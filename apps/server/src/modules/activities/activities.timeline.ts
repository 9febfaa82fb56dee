import { canAccess, type TActivityType, type TTimelineItem } from '@kap/shared';
import { sql } from 'kysely';
import { selectTimelineTime, type TTimelineSource } from '../timeline/index.ts';
import { activitiesPageQuery, type TActivityRow } from './activities.repository.ts';
import { toPlainText } from './activity-body.sanitizer.ts';

/** Fallback titles when an activity has no subject; clients may localise from `data.type`. */
const TYPE_TITLES: Record<TActivityType, string> = {
  note: 'Note',
  call: 'Call',
  email: 'Email',
  meeting: 'Meeting',
  chat: 'Chat',
  sms: 'SMS',
  storeVisit: 'Store visit',
  social: 'Social',
  other: 'Activity',
};

/** An activity row as the timeline's union query returns it (JSON: times as text). */
type TActivityItemRow = Omit<TActivityRow, 'occurredAt' | 'createdAt' | 'updatedAt'> & { sortTime: string };

function toItem(row: TActivityItemRow): TTimelineItem {
  return {
    kind: 'activity',
    id: row.id,
    occurredAt: row.sortTime,
    title: row.subject ?? TYPE_TITLES[row.type],
    summary: toPlainText(row.body, 280),
    channel: row.channel,
    actor: row.createdByType ? { type: row.createdByType, id: row.createdBy, name: row.createdByName } : null,
    data: {
      type: row.type,
      direction: row.direction,
      durationSeconds: row.durationSeconds,
      outcome: row.outcome,
      subject: row.subject,
      body: row.body,
      participantIds: row.participantIds,
    },
  };
}

/** Activities linked to the record, read newest first from the record's links. */
export const activityTimelineSource: TTimelineSource<TActivityItemRow> = {
  kind: 'activity',
  selectForRecord: (trx, actor, record, page, filters) =>
    canAccess(actor.role, 'activities', 'read')
      ? activitiesPageQuery(
          trx,
          { workspaceId: actor.workspaceId, linkedTo: record, channels: filters.channels },
          true,
          page.limit,
          page.before,
        ).select(selectTimelineTime(sql`activity_links.occurred_at`).as('at'))
      : null,
  toItem,
};
