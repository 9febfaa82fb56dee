export { findDayBounds } from './task-views.service.ts';
export { scheduleTaskReminders, sendDueTaskReminders } from './tasks.jobs.ts';
export { registerTaskRoutes } from './tasks.routes.ts';
export { createTask, getTask, listTasks, moveTasksToRecord } from './tasks.service.ts';
export type { TTaskLinksTable, TTasksTable } from './tasks.table.ts';
