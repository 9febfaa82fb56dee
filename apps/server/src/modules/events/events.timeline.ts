import { canAccess, type TTimelineItem } from '@kap/shared';
import type { TTimelineSource } from '../timeline/index.ts';
import { selectPersonEventsPage, type TEventTimelineRow } from './events.repository.ts';

/** "page_view" → "Page view": a readable fallback; clients may localise from `data.type`. */
const titleOf = (type: string) => {
  const words = type.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function summaryOf(properties: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(properties)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      parts.push(`${key}: ${value}`);
    if (parts.length === 4) break;
  }
  return parts.join(' · ').slice(0, 280);
}

function toItem(row: TEventTimelineRow): TTimelineItem {
  return {
    kind: 'event',
    id: row.id,
    occurredAt: row.at,
    title: titleOf(row.type),
    summary: summaryOf(row.properties),
    channel: row.channel,
    actor: null,
    data: { eventId: row.eventId, type: row.type, anonymousId: row.anonymousId, properties: row.properties },
  };
}

/** A person's events, newest first; companies have none of their own. */
export const eventTimelineSource: TTimelineSource<TEventTimelineRow> = {
  kind: 'event',
  selectForRecord: (_trx, actor, record, page, filters) =>
    record.type === 'person' && canAccess(actor.role, 'events', 'read')
      ? selectPersonEventsPage(actor.workspaceId, record.id, page, filters.channels)
      : null,
  toItem,
};
