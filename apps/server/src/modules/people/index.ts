export { registerPeopleRoutes } from './people.routes.ts';
export { createPerson, getPerson, listPeople } from './people.service.ts';
export type { TPeopleTable } from './people.table.ts';
