import { type RawBuilder, sql } from 'kysely';
import { isUuid } from '../../lib/ids.ts';
import { decodeCursor, keysetAfter } from '../../lib/pagination.ts';
import type { TTimelineCursor } from './timeline.types.ts';

const TIME_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';

/**
 * A timestamp column as a timeline time: UTC with microseconds, whatever the session's TimeZone
 * and DateStyle, so that times from different sources sort as text exactly as PostgreSQL sorts them.
 */
export function selectTimelineTime(column: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', ${TIME_FORMAT})`;
}

/** "Older than the cursor" on (time, id), newest-first order; leakproof, so it stays an index scan under RLS. */
export function isBeforeCursor(
  timeColumn: RawBuilder<unknown>,
  idColumn: RawBuilder<unknown>,
  before: TTimelineCursor,
): RawBuilder<boolean> {
  return keysetAfter(timeColumn, idColumn, before.at, 'timestamptz', before.id, true);
}

const TIMELINE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A real instant in the timeline format (no 30 February, no year 0), so PostgreSQL accepts it. */
export function isTimelineTime(value: string): boolean {
  if (!TIMELINE_TIME.test(value) || value < '0001') return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 23) === value.slice(0, 23);
}

/** A (time, id) keyset cursor from a client, checked like any input (400 when forged). */
export function decodeTimeCursor(cursor: string | undefined): TTimelineCursor | undefined {
  if (!cursor) return undefined;
  const [at, id] = decodeCursor(
    cursor,
    2,
    ([a, i]) => typeof a === 'string' && isTimelineTime(a) && typeof i === 'string' && isUuid(i),
  );
  return { at: String(at), id: String(id).toLowerCase() };
}
