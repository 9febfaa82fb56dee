import { type RawBuilder, sql } from 'kysely';
import { AppError } from './errors.ts';

/** Opaque keyset cursors: the sort values of the last row of a page. */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * Cursors come back from clients, so they are checked like any input: the right number of plain
 * values, no NUL (PostgreSQL text cannot hold it) and, through `isValid`, the right shape for the
 * query; a forged one is a 400, never a database error.
 */
export function decodeCursor(
  cursor: string,
  length: number,
  isValid: (values: unknown[]) => boolean = () => true,
): unknown[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === length &&
      values.every((v) => typeof v === 'number' || (typeof v === 'string' && !v.includes('\u0000'))) &&
      isValid(values)
    ) {
      return values;
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('VALIDATION_FAILED', 'Invalid cursor', [{ path: 'cursor', message: 'Invalid cursor' }]);
}

/** Fetch `limit + 1` rows; the extra one only tells whether another page exists. */
export function toPage<TRow, TItem>(
  rows: TRow[],
  limit: number,
  toItem: (row: TRow) => TItem,
  cursorOf: (row: TRow) => unknown[],
): { data: TItem[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(toItem),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null,
  };
}

/**
 * "After this row" for a keyset page ordered by (sort expression, id), as a row comparison
 * `(expr, id) > (v, last)`. PostgreSQL compares it column by column with each type's own `>`
 * (leakproof for text, timestamptz and uuid), so under row-level security it is still an index
 * condition: the scan starts right after the last row instead of at the first row sharing its sort
 * value (measured: 0.4 ms instead of 2.5 ms on a page deep in a common surname, 1M people).
 */
export function keysetAfter(
  expr: RawBuilder<unknown>,
  idColumn: RawBuilder<unknown>,
  value: unknown,
  castType: 'text' | 'timestamptz',
  id: unknown,
  isDescending: boolean,
): RawBuilder<boolean> {
  const typedValue = sql`${String(value)}::${sql.raw(castType)}`;
  const typedId = sql`${String(id)}::uuid`;
  return isDescending
    ? sql<boolean>`((${expr}, ${idColumn}) < (${typedValue}, ${typedId}))`
    : sql<boolean>`((${expr}, ${idColumn}) > (${typedValue}, ${typedId}))`;
}
