import { ZCountPeopleQuery, ZRecordCount } from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { addRoute } from '../../lib/route.ts';
import { readCustomFieldQuery } from '../custom-fields/index.ts';
import { countPeople } from './people-count.service.ts';

export function registerPeopleCountRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/people/count',
    summary: 'How many people match the list filters (q, filter, viewId, ...): exact up to 100,000',
    tags: ['People'],
    query: ZCountPeopleQuery,
    response: ZRecordCount,
    handler: ({ trx, actor, query, req }) => countPeople(trx, actor, query, readCustomFieldQuery(req.query)),
  });
}
