import { ZCountCompaniesQuery, ZRecordCount } from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { addRoute } from '../../lib/route.ts';
import { readCustomFieldQuery } from '../custom-fields/index.ts';
import { countCompanies } from './companies-count.service.ts';

export function registerCompaniesCountRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/companies/count',
    summary: 'How many companies match the list filters (q, filter, viewId, ...): exact up to 100,000',
    tags: ['Companies'],
    query: ZCountCompaniesQuery,
    response: ZRecordCount,
    handler: ({ trx, actor, query, req }) =>
      countCompanies(trx, actor, query, readCustomFieldQuery(req.query)),
  });
}
