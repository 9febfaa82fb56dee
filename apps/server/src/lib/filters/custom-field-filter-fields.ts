import type { TCustomFieldType } from '@kap/shared';
import { type RawBuilder, sql } from 'kysely';
import type { TFilterField } from './filter-field.types.ts';

export type TFieldDefinition = {
  key: string;
  type: TCustomFieldType;
  options: readonly { value: string }[] | null;
};

/**
 * A custom field as a filter/sort field over the record's `custom_fields` jsonb. The key is bound
 * as a parameter; typed reads are guarded by `jsonb_typeof` so a stray value can never fail a cast.
 * None of these expressions is leakproof, so under row-level security they filter rows that an
 * index on workspace (and the sort) produced; see modules/views/README.md.
 */
export function toCustomFilterField(column: RawBuilder<unknown>, def: TFieldDefinition): TFilterField {
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
