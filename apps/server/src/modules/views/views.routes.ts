import { listResponse, ZCreateViewRequest, ZListViewsQuery, ZUpdateViewRequest, ZView } from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readIfMatch } from '../../lib/if-match.ts';
import { addRoute } from '../../lib/route.ts';
import { createView, deleteView, getView, listViews, updateView } from './views.service.ts';

const ZViewParams = z.object({ id: z.string().max(100) });

export function registerViewRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/views',
    summary: 'Saved list views: the shared ones and your own',
    tags: ['Views'],
    query: ZListViewsQuery,
    response: listResponse(ZView),
    handler: ({ trx, actor, query }) => listViews(trx, actor, query.objectType),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/views',
    summary: 'Save a view (filter, sort, columns); shared views need write access to the records',
    tags: ['Views'],
    body: ZCreateViewRequest,
    status: 201,
    response: ZView,
    handler: async ({ trx, actor, body, reply }) => {
      const view = await createView(trx, actor, body);
      reply.header('etag', `"${view.version}"`).header('location', `/api/v1/views/${view.id}`);
      return view;
    },
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/views/:id',
    summary: 'Get a view',
    tags: ['Views'],
    params: ZViewParams,
    response: ZView,
    handler: async ({ trx, actor, params, reply }) => {
      const view = await getView(trx, actor, params.id);
      reply.header('etag', `"${view.version}"`);
      return view;
    },
  });
  addRoute(app, {
    method: 'PATCH',
    url: '/api/v1/views/:id',
    summary: 'Change a view; If-Match with the version refuses stale writes (412)',
    tags: ['Views'],
    params: ZViewParams,
    body: ZUpdateViewRequest,
    response: ZView,
    errors: [412],
    handler: async ({ trx, actor, params, body, req, reply }) => {
      const view = await updateView(trx, actor, params.id, body, readIfMatch(req));
      reply.header('etag', `"${view.version}"`);
      return view;
    },
  });
  addRoute(app, {
    method: 'DELETE',
    url: '/api/v1/views/:id',
    summary: 'Delete a view',
    tags: ['Views'],
    params: ZViewParams,
    status: 204,
    errors: [412],
    handler: ({ trx, actor, params, req }) => deleteView(trx, actor, params.id, readIfMatch(req)),
  });
}
