import { type RawBuilder, sql } from 'kysely';
import { AppError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import { decodeCursor } from '../pagination.ts';
import type { TFieldKind, TFilterField } from './filter-field.types.ts';
import { isCalendarDate } from './filter-values.ts';
import type { TIndexedSortSource } from './indexed-sort.ts';

/**
 * Keyset paging on a sort value that may be null (custom fields, optional columns). Nulls come
 * last in both directions, so "after the last row" is: a later value, the same value and a later
 * id, or null; once in the nulls, only later ids. The cursor is [hasValue 0|1, value text, id],
 * three elements, so it cannot be mistaken for a cursor of the standard sorts (two).
 */
export type TNullableSort = {
  expr: RawBuilder<unknown>;
  kind: TFieldKind;
  isDescending: boolean;
  /** The same values in an index (custom fields): pages read it in order (`indexed-sort.ts`). */
  indexed?: TIndexedSortSource | undefined;
};

const CAST: Partial<Record<TFieldKind, string>> = {
  text: 'text',
  select: 'text',
  number: 'numeric',
  date: 'date',
  datetime: 'timestamptz',
  boolean: 'boolean',
  uuid: 'uuid',
};

const VALID: Partial<Record<TFieldKind, (v: string) => boolean>> = {
  // numeric as text, or float8 (indexed custom fields), which may have an exponent.
  number: (v) => /^-?\d+(\.\d+)?(e[+-]?\d+)?$/.test(v),
  // A real calendar date (JavaScript reads 2024-02-30 as 1 March; PostgreSQL refuses it).
  date: isCalendarDate,
  datetime: (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(v) && !Number.isNaN(Date.parse(v)),
  boolean: (v) => v === 'true' || v === 'false',
  uuid: isUuid,
};

export function toNullableSort(field: TFilterField, isDescending: boolean, path = 'sort'): TNullableSort {
  if (!CAST[field.kind] || field.canSort === false) {
    throw new AppError('VALIDATION_FAILED', `Invalid ${path}: this field cannot be sorted on`, [
      { path, message: 'This field cannot be sorted on' },
    ]);
  }
  return { expr: field.expr, kind: field.kind, isDescending, indexed: field.indexed?.sort };
}

/** The sort value as text that the cursor carries and PostgreSQL casts back exactly. */
export function sortValueSql(sort: TNullableSort): RawBuilder<string | null> {
  if (sort.kind === 'datetime')
    return sql<string | null>`to_char(${sort.expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  if (sort.kind === 'date') return sql<string | null>`to_char(${sort.expr}, 'YYYY-MM-DD')`;
  return sql<string | null>`(${sort.expr})::text`;
}

export function orderBySql(sort: TNullableSort, idColumn: RawBuilder<unknown>): RawBuilder<unknown> {
  const direction = sql.raw(sort.isDescending ? 'desc' : 'asc');
  return sql`${sort.expr} ${direction} nulls last, ${idColumn} ${direction}`;
}

export function cursorOf(sortValue: string | null, id: string): unknown[] {
  return [sortValue === null ? 0 : 1, sortValue ?? '', id];
}

/** A nullable sort's cursor, checked: a forged one is a 400 `cursor`, never a database error. */
export function decodeNullableCursor(
  kind: TFieldKind,
  cursor: string,
): { hasValue: boolean; value: string; id: string } {
  const isValid = VALID[kind] ?? (() => true);
  const [hasValue, value, id] = decodeCursor(
    cursor,
    3,
    ([h, v, i]) =>
      (h === 0 || h === 1) &&
      typeof v === 'string' &&
      typeof i === 'string' &&
      isUuid(i) &&
      (h === 0 || isValid(v)),
  );
  return { hasValue: hasValue === 1, value: String(value), id: String(id) };
}

export function nullableKeysetAfter(
  sort: TNullableSort,
  idColumn: RawBuilder<unknown>,
  cursor: string,
): RawBuilder<boolean> {
  const { hasValue, value, id } = decodeNullableCursor(sort.kind, cursor);
  const later = sql.raw(sort.isDescending ? '<' : '>');
  const lastId = sql`${id}::uuid`;
  if (!hasValue) return sql<boolean>`(${sort.expr} is null and ${idColumn} ${later} ${lastId})`;
  const typed = sql`${value}::${sql.raw(CAST[sort.kind] ?? 'text')}`;
  return sql<boolean>`(${sort.expr} ${later} ${typed} or (${sort.expr} = ${typed} and ${idColumn} ${later} ${lastId}) or ${sort.expr} is null)`;
}
