import { registerRecordType } from '../custom-fields/index.ts';
import { ANY_RECORD_TYPE, registerMergeHandler } from '../merges/index.ts';
import { registerViewTarget } from '../views/index.ts';
import { isIndexedSort, removeCustomFieldKey } from './people.repository.ts';
import { loadPeopleFields } from './people-filter-fields.ts';
import { findVisiblePersonIds } from './person-companies.service.ts';
import { moveCompanyLinksToCompany, repointPersonRelationValues } from './person-merge.handlers.ts';

export { registerPeopleRoutes } from './people.routes.ts';
export { createPerson, getPerson, getPersonWith } from './people.service.ts';
export type {
  TEmailValue,
  TPeopleSettingsTable,
  TPeopleTable,
  TPersonCompaniesTable,
  TPersonIdentifiersTable,
  TPhoneValue,
} from './people.table.ts';
export { registerPeopleBulkRoutes } from './people-bulk.routes.ts';
export { registerPeopleCountRoutes } from './people-count.routes.ts';
export { openPeopleExport, type TRecordExportCriteria } from './people-export.ts';
export {
  deleteImportedPeople,
  insertImportedPeople,
  linkImportedPeopleToCompanies,
  restoreImportedPeople,
  selectCompanyIdsOfPeople,
  selectImportedPeopleChangedSince,
  selectPeopleForImport,
  type TImportedPerson,
  type TStoredPerson,
  updateImportedPeople,
} from './people-import.repository.ts';
export { listPeople } from './people-list.service.ts';
export { registerPeopleSettingsRoutes } from './people-settings.routes.ts';
export { getDefaultCountry, getLifecycleStages } from './people-settings.service.ts';
export { findVisiblePersonIds, unlinkCompanyFromPeople } from './person-companies.service.ts';
export {
  rebuildIdentifiers as rebuildPersonIdentifiers,
  resolveIdentifiers as resolvePersonIdentifiers,
  selectPersonIdsByIdentifier as findPersonIdsByIdentifier,
  type TIdentifier as TPersonIdentifier,
} from './person-identifiers.repository.ts';
export { mergePeople } from './person-merge.service.ts';
export { isVisible } from './person-view.ts';
export { selectVisiblePersonIdsQuery } from './person-visibility.ts';

registerViewTarget('person', { loadFields: loadPeopleFields, isIndexedSort, defaultSort: '-createdAt' });

registerRecordType('person', {
  findVisibleIds: findVisiblePersonIds,
  removeCustomFieldValues: removeCustomFieldKey,
});

export { findPersonSearchResults } from './person-search.ts';

// What people keep about other records follows those records when they are merged.
// (Wrapped: looked up at merge time, not while the module cycle is still loading.)
registerMergeHandler('company', 'personCompanyLinks', (trx, actor, move) =>
  moveCompanyLinksToCompany(trx, actor, move),
);
registerMergeHandler(ANY_RECORD_TYPE, 'personRelationValues', (trx, actor, move) =>
  repointPersonRelationValues(trx, actor, move),
);
