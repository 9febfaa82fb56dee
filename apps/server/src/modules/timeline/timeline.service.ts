import type { TTimelineItem, TTimelineQuery } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { encodeCursor } from '../../lib/pagination.ts';
import { assertRecordVisible, listTimelineSources } from './timeline.registry.ts';
import { decodeTimeCursor } from './timeline.sql.ts';
import type { TTimelineRecord } from './timeline.types.ts';

/** Newest first: later time, then the larger id. */
const isNewer = (a: TTimelineItem, b: TTimelineItem): boolean =>
  a.occurredAt !== b.occurredAt ? a.occurredAt > b.occurredAt : a.id > b.id;

/** Merges lists that are each sorted newest first into one, keeping at most `limit` items. */
export function mergeNewestFirst(lists: TTimelineItem[][], limit: number): TTimelineItem[] {
  const heads = lists.map(() => 0);
  const merged: TTimelineItem[] = [];
  while (merged.length < limit) {
    let best = -1;
    for (const [index, list] of lists.entries()) {
      const candidate = list[heads[index] ?? 0];
      const current = best >= 0 ? lists[best]?.[heads[best] ?? 0] : undefined;
      if (candidate && (!current || isNewer(candidate, current))) best = index;
    }
    const item = best >= 0 ? lists[best]?.[heads[best] ?? 0] : undefined;
    if (!item) break;
    merged.push(item);
    heads[best] = (heads[best] ?? 0) + 1;
  }
  return merged;
}

/**
 * One page of a record's timeline: each selected source gives its newest `limit + 1` items before
 * the cursor (the extra one only tells whether more exist), and a k-way merge keeps the newest
 * `limit`. The cursor is the last item's (time, id), which every source understands, so a page
 * starts exactly where the previous one stopped, across all sources.
 */
export async function listTimeline(
  trx: TTrx,
  actor: TActor,
  record: TTimelineRecord,
  query: TTimelineQuery,
  options: { isRecordRead?: boolean } = {},
): Promise<{ data: TTimelineItem[]; nextCursor: string | null }> {
  // A caller that has just read the record (the overview) has already proved it visible.
  if (!options.isRecordRead) await assertRecordVisible(trx, actor, record);
  const sources = listTimelineSources();
  if (query.kinds) {
    const known = new Set(sources.map((source) => source.kind));
    const unknown = query.kinds.findIndex((kind) => !known.has(kind));
    if (unknown >= 0) {
      throw new AppError('VALIDATION_FAILED', `Unknown timeline kind ${query.kinds[unknown]}`, [
        { path: `query.kinds.${unknown}`, message: `Must be one of ${[...known].join(', ')}` },
      ]);
    }
  }
  const wanted = query.kinds ? sources.filter((source) => query.kinds?.includes(source.kind)) : sources;
  const page = { before: decodeTimeCursor(query.cursor), limit: query.limit + 1 };
  const filters = { channels: query.channel };
  // One connection per request: the sources run one after the other on it.
  const lists: TTimelineItem[][] = [];
  for (const source of wanted) lists.push(await source.listForRecord(trx, actor, record, page, filters));
  const merged = mergeNewestFirst(lists, query.limit + 1);
  const data = merged.slice(0, query.limit);
  const last = data.at(-1);
  return {
    data,
    nextCursor: merged.length > query.limit && last ? encodeCursor([last.occurredAt, last.id]) : null,
  };
}
