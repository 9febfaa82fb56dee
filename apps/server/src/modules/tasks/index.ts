export { findDayBounds } from './task-views.service.ts';
export { scheduleTaskReminders, sendDueTaskReminders } from './tasks.jobs.ts';
export { registerTaskRoutes } from './tasks.routes.ts';
export { createTask, getTask, listTasks, moveTasksToRecord } from './tasks.service.ts';
export type { TTaskLinksTable, TTasksTable } from './tasks.table.ts';

import { ZListTasksQuery } from '@kap/shared';
import { readAllPages, registerPersonalDataSource } from '../personal-data/index.ts';
import { listTasks as listTasksForExport } from './tasks.service.ts';

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
