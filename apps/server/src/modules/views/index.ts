export { resolveListCriteria, type TListCriteria } from './list-criteria.service.ts';
export { registerViewTarget, type TViewTarget } from './view-targets.ts';
export { registerViewRoutes } from './views.routes.ts';
export { getVisibleView, listViews } from './views.service.ts';
export type { TViewsTable } from './views.table.ts';
