export { registerActivityRoutes } from './activities.routes.ts';
export { createActivity, getActivity, listActivities, moveActivitiesToRecord } from './activities.service.ts';
export type { TActivitiesTable, TActivityLinksTable } from './activities.table.ts';
export { sanitizeActivityBody } from './activity-body.sanitizer.ts';
