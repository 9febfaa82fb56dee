import { registerRecordType } from '../custom-fields/index.ts';
import { removeCustomFieldKey } from './people.repository.ts';
import { findVisiblePersonIds } from './person-companies.service.ts';

export { registerPeopleRoutes } from './people.routes.ts';
export { createPerson, getPerson } from './people.service.ts';
export type {
  TEmailValue,
  TPeopleSettingsTable,
  TPeopleTable,
  TPersonCompaniesTable,
  TPersonIdentifiersTable,
  TPhoneValue,
} from './people.table.ts';
export { listPeople } from './people-list.service.ts';
export { registerPeopleSettingsRoutes } from './people-settings.routes.ts';
export { getDefaultCountry } from './people-settings.service.ts';
export { findVisiblePersonIds, unlinkCompanyFromPeople } from './person-companies.service.ts';
export {
  rebuildIdentifiers as rebuildPersonIdentifiers,
  selectPersonIdsByIdentifier as findPersonIdsByIdentifier,
} from './person-identifiers.repository.ts';
export { isVisible } from './person-view.ts';

registerRecordType('person', {
  findVisibleIds: findVisiblePersonIds,
  removeCustomFieldValues: removeCustomFieldKey,
});
