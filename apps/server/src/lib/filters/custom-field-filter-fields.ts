import type { TCustomFieldType } from '@kap/shared';
import { type RawBuilder, sql } from 'kysely';
import type { TFilterField } from './filter-field.types.ts';
import { type TIndexedValueColumn, toIndexedSortSource } from './indexed-sort.ts';

export type TFieldDefinition = {
  key: string;
  type: TCustomFieldType;
  options: readonly { value: string }[] | null;
};

/** Where a record type's custom field values are indexed (migration 0012, `custom_field_values`). */
export type TCustomFieldIndex = { workspaceId: string; recordType: string; idColumn: RawBuilder<unknown> };

/**
 * Text values longer than this (in UTF-8) keep their `custom_field_values` row with `value_text`
 * null (migration 0020): a btree entry above ~2,700 bytes is refused. `longText` values (notes, up
 * to 100,000 characters) are not copied at all, so their filters read the jsonb and they cannot be
 * sorted on (a keyset cursor would carry the whole value).
 */
export const INDEXED_TEXT_MAX_BYTES = 2000;

const INDEXED_COLUMN: Partial<Record<TCustomFieldType, TIndexedValueColumn>> = {
  text: 'value_text',
  url: 'value_text',
  email: 'value_text',
  phone: 'value_text',
  select: 'value_text',
  multiSelect: 'value_text',
  number: 'value_number',
  currency: 'value_number',
  date: 'value_date',
  datetime: 'value_time',
};

/**
 * A custom field as a filter/sort field over the record's `custom_fields` jsonb. The key is bound
 * as a parameter; typed reads are guarded by `jsonb_typeof` so a stray value can never fail a cast.
 * None of these expressions is leakproof, so under row-level security they can only filter rows
 * that another index produced; with `index`, the selective conditions (equality, ranges, relative
 * dates, options) become index lookups in `custom_field_values` instead (modules/views/README.md).
 */
export function toCustomFilterField(
  column: RawBuilder<unknown>,
  def: TFieldDefinition,
  index?: TCustomFieldIndex,
): TFilterField {
  const field = toJsonFilterField(column, def);
  const indexedColumn = INDEXED_COLUMN[def.type];
  if (!index || !indexedColumn) return field;
  return {
    ...field,
    indexed: {
      column: sql.ref(`cfv.${indexedColumn}`),
      // numeric's comparisons are not leakproof (no index under row-level security); float8's are.
      sqlType: indexedColumn === 'value_number' ? 'float8' : undefined,
      maxTextBytes: indexedColumn === 'value_text' ? INDEXED_TEXT_MAX_BYTES : undefined,
      within: (condition) =>
        sql<boolean>`(${index.idColumn} in (select cfv.record_id from custom_field_values cfv
          where cfv.workspace_id = ${index.workspaceId}::uuid and cfv.record_type = ${index.recordType}
            and cfv.field_key = ${def.key}::text and ${condition}))`,
      // One value per record, except a multi-select's options (which cannot be sorted on).
      sort: def.type === 'multiSelect' ? undefined : toIndexedSortSource(index, def.key, indexedColumn),
    },
  };
}

function toJsonFilterField(column: RawBuilder<unknown>, def: TFieldDefinition): TFilterField {
  const value = sql`(${column} -> ${def.key}::text)`;
  const text = sql`(${column} ->> ${def.key}::text)`;
  switch (def.type) {
    case 'number':
      return {
        kind: 'number',
        expr: sql`(case when jsonb_typeof(${value}) = 'number' then (${text})::numeric end)`,
      };
    case 'currency':
      return {
        kind: 'number',
        expr: sql`(case when jsonb_typeof(${value} -> 'amount') = 'string' then (${value} ->> 'amount')::numeric end)`,
      };
    case 'date':
      return {
        kind: 'date',
        expr: sql`(case when jsonb_typeof(${value}) = 'string' then (${text})::date end)`,
      };
    case 'datetime':
      return {
        kind: 'datetime',
        expr: sql`(case when jsonb_typeof(${value}) = 'string' then (${text})::timestamptz end)`,
      };
    case 'boolean':
      return {
        kind: 'boolean',
        expr: sql`(case when jsonb_typeof(${value}) = 'boolean' then (${text})::boolean end)`,
      };
    case 'select':
      return { kind: 'select', expr: text, options: def.options?.map((o) => o.value) };
    case 'multiSelect':
      return { kind: 'multiSelect', expr: value, options: def.options?.map((o) => o.value) };
    case 'email':
      return { kind: 'text', expr: text, normalize: (v) => v.toLowerCase() };
    case 'longText':
      return { kind: 'text', expr: text, canSort: false };
    case 'user':
    case 'relation':
      return {
        kind: 'uuid',
        expr: sql`(case when jsonb_typeof(${value}) = 'string' then (${text})::uuid end)`,
      };
    default:
      return { kind: 'text', expr: text };
  }
}
