export { buildOpenApiDocument } from './openapi.ts';
export { registerSystemRoutes } from './system.routes.ts';
