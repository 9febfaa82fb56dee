export { findDayBounds } from './task-views.service.ts';
export { scheduleTaskReminders, sendDueTaskReminders } from './tasks.jobs.ts';
export { registerTaskRoutes } from './tasks.routes.ts';
export { createTask, getTask, listTasks, moveTasksToRecord } from './tasks.service.ts';
export type { TTaskLinksTable, TTasksTable } from './tasks.table.ts';

import { ZListTasksQuery } from '@kap/shared';
import { ANY_RECORD_TYPE, registerMergeHandler } from '../merges/index.ts';
import { readAllPages, registerPersonalDataSource } from '../personal-data/index.ts';
import { listTasks as listTasksForExport, moveTasksToRecord as moveTasks } from './tasks.service.ts';

// Tasks link to any record type by (type, id): one move serves every merge.
registerMergeHandler(ANY_RECORD_TYPE, 'tasks', (trx, actor, move) => moveTasks(trx, actor, move));

// A person's GDPR export carries their tasks, open and done, oldest first.
registerPersonalDataSource('tasks', (trx, actor, personId) =>
  readAllPages((cursor) =>
    listTasksForExport(
      trx,
      actor,
      ZListTasksQuery.parse({ personId, sort: 'createdAt', limit: 500, cursor }),
    ),
  ),
);
