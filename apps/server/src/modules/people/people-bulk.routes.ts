import { ZBulkResponse, ZPeopleBulkRequest } from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { addRoute } from '../../lib/route.ts';
import { bulkUpdatePeople } from './people-bulk.service.ts';

export function registerPeopleBulkRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/people/bulk',
    summary:
      'Add/remove a tag, set owner or lifecycle stage, or delete (confirm: true) on ids or a whole filter',
    tags: ['People'],
    body: ZPeopleBulkRequest,
    response: ZBulkResponse,
    handler: ({ trx, actor, body }) => bulkUpdatePeople(trx, actor, body),
  });
}
