import { registerRecordType } from '../custom-fields/index.ts';
import { removeCustomFieldKey } from './companies.repository.ts';
import { findVisibleCompanyIds } from './companies.service.ts';

export { registerCompanyRoutes } from './companies.routes.ts';
export { findVisibleCompanyIds, getCompany } from './companies.service.ts';
export type { TCompaniesTable } from './companies.table.ts';

registerRecordType('company', {
  findVisibleIds: findVisibleCompanyIds,
  removeCustomFieldValues: removeCustomFieldKey,
});
