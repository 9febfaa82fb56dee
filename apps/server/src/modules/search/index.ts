export { registerSearchSource, type TSearchSource } from './search.registry.ts';
export { registerSearchRoutes } from './search.routes.ts';
export { searchRecords } from './search.service.ts';
