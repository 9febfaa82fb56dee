import { ZSearchQuery, ZSearchResponse } from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { addRoute } from '../../lib/route.ts';
import { findCompanySearchResults } from '../companies/index.ts';
import { findPersonSearchResults } from '../people/index.ts';
import { registerSearchSource } from './search.registry.ts';
import { searchRecords } from './search.service.ts';

export function registerSearchRoutes(app: FastifyInstance): void {
  // People and companies are Kap's first searchable records; their modules stay unaware of search
  // (their tables' triggers feed the index). Deals, tickets... call registerSearchSource themselves.
  registerSearchSource({ type: 'person', objectType: 'people', loadResults: findPersonSearchResults });
  registerSearchSource({ type: 'company', objectType: 'companies', loadResults: findCompanySearchResults });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/search',
    summary: 'Global search across people, companies and later record types: exact, prefix, then fuzzy',
    tags: ['Search'],
    query: ZSearchQuery,
    response: ZSearchResponse,
    handler: ({ trx, actor, query }) => searchRecords(trx, actor, query),
  });
}
