export { registerPeopleRoutes } from './people.routes.ts';
export { createPerson, getPerson, listPeople } from './people.service.ts';
export type { TEmailValue, TPeopleTable, TPhoneValue } from './people.table.ts';
