import { ZBulkResponse, ZCompaniesBulkRequest } from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { addRoute } from '../../lib/route.ts';
import { bulkUpdateCompanies } from './companies-bulk.service.ts';

export function registerCompaniesBulkRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/companies/bulk',
    summary: 'Add/remove a tag, set owner, or delete (confirm: true) on ids or a whole filter',
    tags: ['Companies'],
    body: ZCompaniesBulkRequest,
    response: ZBulkResponse,
    handler: ({ trx, actor, body }) => bulkUpdateCompanies(trx, actor, body),
  });
}
