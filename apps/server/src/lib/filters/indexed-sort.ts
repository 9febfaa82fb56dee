import { type AliasedRawBuilder, type RawBuilder, sql } from 'kysely';
import type { TCustomFieldIndex } from './custom-field-filter-fields.ts';
import type { TFieldKind } from './filter-field.types.ts';
import { decodeNullableCursor, sortValueSql } from './nullable-keyset.ts';

/** The typed value columns of `custom_field_values` and their SQL types. */
export type TIndexedValueColumn = 'value_text' | 'value_number' | 'value_date' | 'value_time';

const SQL_TYPE: Record<TIndexedValueColumn, string> = {
  value_text: 'text',
  value_number: 'float8',
  value_date: 'date',
  value_time: 'timestamptz',
};

/**
 * A custom field's values as an ordered source: the `(workspace_id, record_type, field_key,
 * value_x, record_id)` index of `custom_field_values` hands them out in sort order, so a page
 * reads `limit` index entries (and their records) instead of every record of the workspace.
 */
export type TIndexedSortSource = {
  /** The field's non-null values, `(cf_record_id, cf_value)`, joined as `sort_values`. */
  values: AliasedRawBuilder<{ cfRecordId: string; cfValue: unknown }, 'sort_values'>;
  /** Joins `sort_values` to the record. */
  joinOn: RawBuilder<boolean>;
  /** The record has a non-null value (the complement is the "nulls" part of the list). */
  hasValue: RawBuilder<boolean>;
  idColumn: RawBuilder<unknown>;
  sqlType: string;
};

export function toIndexedSortSource(
  index: TCustomFieldIndex,
  fieldKey: string,
  column: TIndexedValueColumn,
): TIndexedSortSource {
  const value = sql.ref(`cfv.${column}`);
  const ofField = sql<boolean>`cfv.workspace_id = ${index.workspaceId}::uuid and cfv.record_type = ${index.recordType}
    and cfv.field_key = ${fieldKey}::text and ${value} is not null`;
  return {
    values: sql<{
      cfRecordId: string;
      cfValue: unknown;
    }>`(select cfv.record_id as cf_record_id, ${value} as cf_value
      from custom_field_values cfv where ${ofField})`.as('sort_values'),
    joinOn: sql<boolean>`sort_values.cf_record_id = ${index.idColumn}`,
    hasValue: sql<boolean>`exists (select 1 from custom_field_values cfv where ${ofField}
      and cfv.record_id = ${index.idColumn})`,
    idColumn: index.idColumn,
    sqlType: SQL_TYPE[column],
  };
}

/** One query of a page: the repository runs it on its own table with its own filters. */
export type TIndexedSortStep = {
  /** Inner join `values` on `joinOn` (the records with a value); absent: the records without one. */
  join?: { values: TIndexedSortSource['values']; on: RawBuilder<boolean> } | undefined;
  where: RawBuilder<boolean>;
  /** Select as `sortValue`: what the cursor carries. */
  sortValue: RawBuilder<string | null>;
  orderBy: RawBuilder<unknown>;
  limit: number;
};

type TIndexedSort = { kind: TFieldKind; isDescending: boolean; indexed: TIndexedSortSource };

/**
 * A keyset page (`limit` rows, the caller's limit + 1) sorted by an indexed custom field, nulls
 * last in both directions as `nullable-keyset.ts`: first the records with a value, in index order
 * `(value, id)` continuing after the cursor's row comparison (leakproof: an index condition under
 * row-level security); when they run out, the records without a value by id, in the same direction.
 * The cursor is the nullable sort's `[hasValue, value, id]`, so one page may cross from values to
 * nulls and the next continues among the nulls after the last id.
 */
export async function selectIndexedSortPage<R>(
  sort: TIndexedSort,
  limit: number,
  cursor: string | undefined,
  runStep: (step: TIndexedSortStep) => Promise<R[]>,
): Promise<R[]> {
  const source = sort.indexed;
  const after = cursor ? decodeNullableCursor(sort.kind, cursor) : null;
  const later = sql.raw(sort.isDescending ? '<' : '>');
  const direction = sql.raw(sort.isDescending ? 'desc' : 'asc');
  const rows: R[] = [];
  if (!after || after.hasValue) {
    const value = sql`sort_values.cf_value`;
    const keyset = after
      ? sql<boolean>`((${value}, sort_values.cf_record_id) ${later} (${after.value}::${sql.raw(source.sqlType)}, ${after.id}::uuid))`
      : sql<boolean>`true`;
    rows.push(
      ...(await runStep({
        join: { values: source.values, on: source.joinOn },
        where: keyset,
        sortValue: sortValueSql({ expr: value, kind: sort.kind, isDescending: sort.isDescending }),
        orderBy: sql`${value} ${direction}, sort_values.cf_record_id ${direction}`,
        limit,
      })),
    );
    if (rows.length >= limit) return rows;
  }
  const afterId =
    after && !after.hasValue ? sql<boolean>` and ${source.idColumn} ${later} ${after.id}::uuid` : sql``;
  rows.push(
    ...(await runStep({
      where: sql<boolean>`(not ${source.hasValue}${afterId})`,
      sortValue: sql<null>`null::text`,
      orderBy: sql`${source.idColumn} ${direction}`,
      limit: limit - rows.length,
    })),
  );
  return rows;
}
