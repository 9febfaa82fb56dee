// A leaf module on purpose: activities, tasks and later modules register their kinds of personal
// data from their index.ts, and the exports module (which imports people, companies...) reads
// them. Were the registry inside the exports module, every registering module would load the
// exports module and with it a cycle back through people and merges.
export {
  listPersonalDataSources,
  readAllPages,
  registerPersonalDataSource,
  type TPersonalDataLoader,
  type TPersonalDataSource,
} from './personal-data.registry.ts';
