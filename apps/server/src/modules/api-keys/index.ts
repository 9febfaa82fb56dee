export { registerApiKeyRoutes } from './api-keys.routes.ts';
export {
  createApiKey,
  findActiveApiKey,
  isApiKey,
  selectActiveApiKey,
  type TActiveApiKey,
  touchApiKey,
} from './api-keys.service.ts';
export type { TApiKeysTable } from './api-keys.table.ts';
