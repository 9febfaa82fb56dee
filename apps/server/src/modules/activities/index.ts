export { registerActivityRoutes } from './activities.routes.ts';
export { createActivity, getActivity, listActivities, moveActivitiesToRecord } from './activities.service.ts';
export type { TActivitiesTable, TActivityLinksTable } from './activities.table.ts';
export {
  deleteImportedActivities,
  findImportedActivities,
  insertImportedActivities,
  selectActivitiesForImport,
  selectImportedActivitiesChangedSince,
  type TImportedActivity,
  type TImportedActivityFields,
  type TStoredActivity,
  updateImportedActivities,
} from './activities-import.repository.ts';
export { sanitizeActivityBody } from './activity-body.sanitizer.ts';

import { ZListActivitiesQuery } from '@kap/shared';
import { ANY_RECORD_TYPE, registerMergeHandler } from '../merges/index.ts';
import { readAllPages, registerPersonalDataSource } from '../personal-data/index.ts';
import {
  listActivities as listActivitiesForExport,
  moveActivitiesToRecord as moveActivities,
} from './activities.service.ts';

// Activities link to any record type by (type, id): one move serves every merge.
registerMergeHandler(ANY_RECORD_TYPE, 'activities', (trx, actor, move) => moveActivities(trx, actor, move));

// A person's GDPR export carries their activities (as the actor may see them), oldest first.
registerPersonalDataSource('activities', (trx, actor, personId) =>
  readAllPages((cursor) =>
    listActivitiesForExport(
      trx,
      actor,
      ZListActivitiesQuery.parse({ personId, sort: 'occurredAt', limit: 500, cursor }),
    ),
  ),
);
