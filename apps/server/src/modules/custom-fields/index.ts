export { phoneError } from './custom-field-parsers.ts';
export {
  applyCustomFieldValues,
  buildCustomFieldFilter,
  loadVisibleFieldKeys,
  pickVisibleValues,
  readCustomFieldQuery,
  type TCustomFieldValues,
  type TValueContext,
} from './custom-field-values.ts';
export {
  selectFieldDefinitions as listFieldDefinitions,
  visibleFieldKeysSql,
} from './custom-fields.repository.ts';
export { registerCustomFieldRoutes } from './custom-fields.routes.ts';
export { createCustomField } from './custom-fields.service.ts';
export type { TCustomFieldsTable } from './custom-fields.table.ts';
export { findVisibleRecordIds, registerRecordType, type TRecordTypeHooks } from './record-types.ts';
