import type { TFilterOp } from '@kap/shared';
import type { RawBuilder } from 'kysely';
import type { TIndexedSortSource } from './indexed-sort.ts';

/**
 * How a field is stored decides which ops it takes and how they compile:
 * - text: a text value (plain column or jsonb `->>`); select: text with a fixed option list
 * - number: numeric; date: date; datetime: timestamptz; boolean
 * - textArray: text[] (tags, interests); multiSelect: a jsonb array of strings
 * - jsonList: strings inside a jsonb array (emails, phones, address cities), as a jsonb array
 * - uuid: an id column (owner); link: ids in a link table (a person's companies)
 */
export type TFieldKind =
  | 'text'
  | 'select'
  | 'number'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'textArray'
  | 'multiSelect'
  | 'jsonList'
  | 'uuid'
  | 'link';

export type TFilterField = {
  kind: TFieldKind;
  /** The SQL value compared (for link: unused). Built from whitelisted identifiers only. */
  expr: RawBuilder<unknown>;
  /** select / multiSelect: the allowed values. */
  options?: readonly string[] | undefined;
  /** Applied to every compared text value (e.g. lowercase emails, upper-case countries). */
  normalize?: ((value: string) => string) | undefined;
  /** link: "the record is linked to one of these ids" and "linked to anything". */
  linkedToAny?: ((ids: readonly string[]) => RawBuilder<boolean>) | undefined;
  hasLinks?: RawBuilder<boolean> | undefined;
  /** A plain, indexed column: documents which conditions stay index-backed. */
  isIndexed?: boolean | undefined;
  /**
   * The same values in an indexed side table (custom fields: `custom_field_values`): equality,
   * ranges and relative dates compile to `within(<condition on column>)`, an index scan under
   * row-level security where the jsonb expression in `expr` could only filter row by row.
   */
  indexed?:
    | {
        column: RawBuilder<unknown>;
        /** The SQL type values are cast to on that column, when not the kind's usual one. */
        sqlType?: string | undefined;
        /** Text values longer than this many UTF-8 bytes are not in `column` (null there). */
        maxTextBytes?: number | undefined;
        within: (condition: RawBuilder<boolean>) => RawBuilder<boolean>;
        /**
         * The exact value `column` is a float8 copy of (numeric purchase stats): strict comparisons
         * widen to inclusive ones on `column` (the index) and `exact` rechecks them, so results are exact.
         */
        exact?: RawBuilder<unknown> | undefined;
        /**
         * false: records without a side-table row would match too (a count reads 0 there), so the
         * condition is compiled on `expr` instead. Absent: always usable.
         */
        isUsableFor?: ((op: TFilterOp, value: unknown) => boolean) | undefined;
        /** For sorting: the values in index order (scalar fields only). */
        sort?: TIndexedSortSource | undefined;
      }
    | undefined;
  /** The SQL type compared values are cast to, when not the kind's usual one. */
  sqlType?: string | undefined;
  /** false: refused as a sort (long texts, whose keyset cursor would carry the whole value). */
  canSort?: boolean | undefined;
};

/** Resolves a field name of a filter or sort; undefined: no such field. */
export type TFieldLookup = (name: string) => TFilterField | undefined;
