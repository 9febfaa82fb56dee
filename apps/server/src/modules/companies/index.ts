import { registerRecordType } from '../custom-fields/index.ts';
import { ANY_RECORD_TYPE, registerMergeHandler } from '../merges/index.ts';
import { registerViewTarget } from '../views/index.ts';
import { isIndexedSort, removeCustomFieldKey } from './companies.repository.ts';
import { findVisibleCompanyIds } from './companies.service.ts';
import { loadCompanyFields } from './companies-filter-fields.ts';
import { repointCompanyRelationValues } from './company-merge.handlers.ts';

export { registerCompanyRoutes } from './companies.routes.ts';
export { findVisibleCompanyIds, getCompany } from './companies.service.ts';
export type { TCompaniesTable } from './companies.table.ts';
export { registerCompaniesBulkRoutes } from './companies-bulk.routes.ts';
export { registerCompaniesCountRoutes } from './companies-count.routes.ts';
export {
  deleteImportedCompanies,
  findCompaniesByDomains,
  findCompaniesByNames,
  insertImportedCompanies,
  selectCompaniesForImport,
  selectImportedCompaniesChangedSince,
  type TImportedCompany,
  type TStoredCompany,
  updateImportedCompanies,
} from './companies-import.repository.ts';
export { findCompaniesByExternalIds } from './company-external-ids.repository.ts';
export { mergeCompanies } from './company-merge.service.ts';
export { selectVisibleCompanyIdsQuery } from './company-visibility.ts';

registerViewTarget('company', { loadFields: loadCompanyFields, isIndexedSort, defaultSort: 'name' });

registerRecordType('company', {
  findVisibleIds: findVisibleCompanyIds,
  removeCustomFieldValues: removeCustomFieldKey,
});

export { findCompanySearchResults } from './company-search.ts';

// Companies' relation custom fields follow any merged record they point at.
// (Wrapped: looked up at merge time, not while the module cycle is still loading.)
registerMergeHandler(ANY_RECORD_TYPE, 'companyRelationValues', (trx, actor, move) =>
  repointCompanyRelationValues(trx, actor, move),
);

export {
  findCompanyNames,
  openCompaniesExport,
  type TCompanyExportCriteria,
  visibleCompanyNameSql,
} from './companies-export.ts';
