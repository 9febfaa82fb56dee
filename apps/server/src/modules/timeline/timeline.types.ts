import type { TObjectType, TTimelineItem } from '@kap/shared';
import type { Expression, RawBuilder } from 'kysely';
import type { z } from 'zod';
import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';

/** The record whose timeline is read, e.g. `{ type: 'person', id }`. Types are singular nouns. */
export type TTimelineRecord = { type: string; id: string };

/**
 * A position in the stream: items strictly older than it come next. `at` is ISO 8601 UTC with
 * microseconds (`2025-03-01T09:30:00.123456Z`), `id` a lowercase UUID; both compare as text in the
 * same order as in PostgreSQL, so sources and the merge agree on what "older" means.
 */
export type TTimelineCursor = { at: string; id: string };

export type TTimelinePage = { before?: TTimelineCursor | undefined; limit: number };

/** Filters a source applies itself. A source whose items have no channel returns none when `channels` is set. */
export type TTimelineFilters = { channels?: readonly string[] | undefined };

/**
 * A source's part of one timeline page: a select the timeline module runs, as a sub-select of ONE
 * `union all` statement with every other source's (Kysely select builder or `sql` template).
 */
export type TTimelineSelect = Expression<unknown>;

/**
 * A kind of timeline item that a module contributes. The timeline module knows none of them: it
 * asks each for a select and merges them in the database.
 */
export type TTimelineSource<TRow = Record<string, unknown>> = {
  kind: string;
  /**
   * A select of up to `page.limit` items of `record` before `page.before`, newest first (its own
   * `order by <time> desc, <id> desc limit page.limit`, so each part stays an index range), or null
   * when the actor may read none of them or the filters leave none out. It names the item's time
   * `at` (`selectTimelineTime`, the cursor's format) and its UUID `id`; its other columns are what
   * `toItem` needs. The record is known to exist and be visible to `actor`; the source checks the
   * actor's right to read its own items. Nothing runs here: this only builds the query.
   */
  selectForRecord(
    trx: TTrx,
    actor: TActor,
    record: TTimelineRecord,
    page: TTimelinePage,
    filters: TTimelineFilters,
  ): TTimelineSelect | null;
  /**
   * One row of that select as an item. The row arrives as JSON: column names camelCased (top
   * level only; JSON values such as event properties keep their keys), timestamps as ISO 8601
   * text, numbers as numbers (cast exact decimals to text in the select), arrays and jsonb as
   * JSON values.
   */
  toItem(row: TRow): TTimelineItem;
};

/** A kind of record that has a timeline and that activities and tasks can be linked to. */
export type TTimelineRecordType = {
  type: string;
  /** The plural URL segment: `people` gives `GET /api/v1/people/:id/timeline`. */
  path: string;
  /** OpenAPI tag of the timeline route. */
  tag: string;
  /** Whose read permission the timeline and links need. */
  objectType: TObjectType;
  /** Those of `ids` (lowercase UUIDs) that exist in the actor's workspace and that the actor may see. */
  findVisibleIds: (trx: TTrx, actor: TActor, ids: readonly string[]) => Promise<Set<string>>;
  /**
   * Reads one record (404 when missing or not visible) for `GET /api/v1/<path>/:id/overview`: the
   * record and its first timeline page in one request, which is what a detail page opens with.
   */
  overview?: {
    recordSchema: z.ZodType;
    readRecord: (trx: TTrx, actor: TActor, id: string) => Promise<unknown>;
    /**
     * `readRecord` that also selects `alongWith` (a scalar subquery: the first timeline page as
     * JSON) in the record's own statement, so that the overview is one statement. Optional.
     */
    readRecordWith?: <T>(
      trx: TTrx,
      actor: TActor,
      id: string,
      alongWith: RawBuilder<T>,
    ) => Promise<{ record: unknown; alongWith: T }>;
  };
};
