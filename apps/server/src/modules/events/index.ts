import { registerMergeHandler } from '../merges/index.ts';
import { moveEventsToPerson } from './events.repository.ts';

export { registerEventRoutes } from './events.routes.ts';
export type {
  TAnonymousIdentitiesTable,
  TEventPendingKeysTable,
  TEventsSettingsTable,
  TEventsTable,
} from './events.table.ts';
export { countPeopleByEventFrequency, selectPersonIdsByEventFrequency } from './events-frequency.service.ts';
export { ingestEvents } from './events-ingest.service.ts';
export { createUpcomingPartitions } from './events-partitions.ts';
export { loadEventsSettings } from './events-settings.service.ts';
export { linkWaitingEvents } from './events-sweep.ts';

// A merged person's events and anonymous ids follow them to the survivor.
registerMergeHandler('person', 'events', (trx, actor, move) =>
  moveEventsToPerson(trx, actor.workspaceId, move.fromIds, move.toId),
);
