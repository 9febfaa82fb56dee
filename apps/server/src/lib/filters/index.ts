export { runBulkDelete, runBulkUpdate, type TBulkChange, type TBulkTarget } from './bulk-sql.ts';
export {
  type TCustomFieldIndex,
  type TFieldDefinition,
  toCustomFilterField,
} from './custom-field-filter-fields.ts';
export {
  loadExtraFilterFields,
  registerExtraFilterFields,
  type TExtraFieldsProvider,
  type TExtraFieldTarget,
} from './extra-filter-fields.ts';
export { compileFilter, foldSql, OPS_BY_KIND, parseFilterParam } from './filter-compiler.ts';
export type { TFieldKind, TFieldLookup, TFilterField } from './filter-field.types.ts';
export {
  selectIndexedSortPage,
  type TIndexedSortSource,
  type TIndexedSortStep,
} from './indexed-sort.ts';
export {
  cursorOf,
  nullableKeysetAfter,
  orderBySql,
  sortValueSql,
  type TNullableSort,
  toNullableSort,
} from './nullable-keyset.ts';
export { toContainsPattern } from './search-pattern.ts';
