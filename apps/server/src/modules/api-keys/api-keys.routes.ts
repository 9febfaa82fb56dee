import { ZApiKey, ZCreateApiKeyRequest, ZCreatedApiKey, ZId } from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addRoute } from '../../lib/route.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service.ts';

export function registerApiKeyRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/api-keys',
    summary: "List the workspace's API keys",
    tags: ['API keys'],
    response: z.object({ data: z.array(ZApiKey) }),
    handler: async ({ trx, actor }) => ({ data: await listApiKeys(trx, actor) }),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/api-keys',
    summary: 'Create an API key (the key is in this reply only)',
    tags: ['API keys'],
    body: ZCreateApiKeyRequest,
    status: 201,
    response: ZCreatedApiKey,
    handler: ({ trx, actor, body }) => createApiKey(trx, actor, body),
  });
  addRoute(app, {
    method: 'DELETE',
    url: '/api/v1/api-keys/:id',
    summary: 'Revoke an API key',
    tags: ['API keys'],
    params: z.object({ id: ZId }),
    status: 204,
    handler: ({ trx, actor, params }) => revokeApiKey(trx, actor, params.id),
  });
}
