export { registerApiKeyRoutes } from './api-keys.routes.ts';
export { createApiKey, findActiveApiKey } from './api-keys.service.ts';
export type { TApiKeysTable } from './api-keys.table.ts';
