import type { TTimelineItem, TTimelineQuery } from '@kap/shared';
import { type RawBuilder, sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { encodeCursor } from '../../lib/pagination.ts';
import { assertRecordVisible, listTimelineSources } from './timeline.registry.ts';
import { decodeTimeCursor } from './timeline.sql.ts';
import type { TTimelineRecord, TTimelineSource } from './timeline.types.ts';

/** Column names as Kysely's CamelCasePlugin would give them; only the top level (JSON values keep theirs). */
const camelCaseKeys = (row: Record<string, unknown>): Record<string, unknown> => {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    result[key.includes('_') ? key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) : key] = value;
  }
  return result;
};

function selectedSources(kinds: readonly string[] | undefined): TTimelineSource[] {
  const sources = listTimelineSources();
  if (!kinds) return sources;
  const known = new Set(sources.map((source) => source.kind));
  const unknown = kinds.findIndex((kind) => !known.has(kind));
  if (unknown >= 0) {
    throw new AppError('VALIDATION_FAILED', `Unknown timeline kind ${kinds[unknown]}`, [
      { path: `query.kinds.${unknown}`, message: `Must be one of ${[...known].join(', ')}` },
    ]);
  }
  return sources.filter((source) => kinds.includes(source.kind));
}

type TTimelineRow = { kind: string; at: string; id: string; row: string };
type TTimelinePage = { data: TTimelineItem[]; nextCursor: string | null };

/** A timeline page as a statement to run (`select`: null when no selected source has anything) and how its rows become the page. */
export type TTimelinePageQuery = {
  select: RawBuilder<TTimelineRow> | null;
  toPage: (rows: readonly TTimelineRow[]) => TTimelinePage;
};

/**
 * One page of a record's timeline as ONE statement: each selected source contributes a select of
 * its newest `limit + 1` items before the cursor (the extra one only tells whether more exist),
 * and PostgreSQL merges them with `union all` and keeps the newest `limit + 1`. Each row travels
 * as its kind and a JSON text of the source's columns, which only that source's `toItem` reads.
 * The cursor is the last item's (time, id), which every source understands, so a page starts
 * exactly where the previous one stopped, across all sources. Times and ids are compared as text
 * in the "C" collation: the order of the cursor format, and of JavaScript strings. The record must
 * be known visible to `actor` before the page is shown.
 */
export function buildTimelinePage(
  trx: TTrx,
  actor: TActor,
  record: TTimelineRecord,
  query: TTimelineQuery,
): TTimelinePageQuery {
  const sources = new Map(selectedSources(query.kinds).map((source) => [source.kind, source]));
  const page = { before: decodeTimeCursor(query.cursor), limit: query.limit + 1 };
  const filters = { channels: query.channel };
  const parts = [...sources.values()].flatMap((source) => {
    const select = source.selectForRecord(trx, actor, record, page, filters);
    return select
      ? [
          sql`(select ${source.kind}::text as kind, s.at::text as at, s.id::text as id, to_json(s)::text as row
                 from (${select}) s)`,
        ]
      : [];
  });
  const select =
    parts.length === 0
      ? null
      : sql<TTimelineRow>`
    select t.kind, t.at, t.id, t.row from (${sql.join(parts, sql` union all `)}) t
     order by t.at collate "C" desc, t.id collate "C" desc
     limit ${page.limit}`;
  const toPage = (rows: readonly TTimelineRow[]): TTimelinePage => {
    const data = rows.slice(0, query.limit).map((row) => {
      const source = sources.get(row.kind);
      if (!source) throw new Error(`No timeline source ${row.kind}`);
      return source.toItem(camelCaseKeys(JSON.parse(row.row) as Record<string, unknown>));
    });
    const last = rows[query.limit - 1];
    return { data, nextCursor: rows.length > query.limit && last ? encodeCursor([last.at, last.id]) : null };
  };
  return { select, toPage };
}

/**
 * The page's statement as one JSON value, for a caller that reads it as a column of its own
 * select (the overview reads the record and its first page in one statement); `pageFromJson`
 * turns the value into the page.
 */
export function timelinePageJsonSql(
  page: TTimelinePageQuery,
): RawBuilder<[string, string, string, string][]> {
  return page.select
    ? sql`(select coalesce(json_agg(json_build_array(p.kind, p.at, p.id, p.row)
                                    order by p.at collate "C" desc, p.id collate "C" desc), '[]')
             from (${page.select}) p)`
    : sql`'[]'::json`;
}

export function pageFromJson(page: TTimelinePageQuery, value: readonly (readonly string[])[]): TTimelinePage {
  return page.toPage(value.map(([kind = '', at = '', id = '', row = '{}']) => ({ kind, at, id, row })));
}

/** One page of a record's timeline (see buildTimelinePage), after checking the record is visible. */
export async function listTimeline(
  trx: TTrx,
  actor: TActor,
  record: TTimelineRecord,
  query: TTimelineQuery,
  options: { isRecordRead?: boolean } = {},
): Promise<TTimelinePage> {
  // A caller that has just read the record (the overview) has already proved it visible.
  if (!options.isRecordRead) await assertRecordVisible(trx, actor, record);
  const page = buildTimelinePage(trx, actor, record, query);
  return page.toPage(page.select ? (await page.select.execute(trx)).rows : []);
}
