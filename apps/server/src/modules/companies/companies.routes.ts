import {
  listResponse,
  ZCompany,
  ZCreateCompanyRequest,
  ZListCompaniesQuery,
  ZListPeopleQuery,
  ZPerson,
  ZRecordQuery,
  ZUpdateCompanyRequest,
} from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readIfMatch } from '../../lib/if-match.ts';
import { addRoute } from '../../lib/route.ts';
import { readCustomFieldQuery } from '../custom-fields/index.ts';
import { listPeople } from '../people/index.ts';
import {
  createCompany,
  deleteCompany,
  getCompany,
  listCompanies,
  updateCompany,
} from './companies.service.ts';

const ZCompanyParams = z.object({ id: z.string().max(100) });

export function registerCompanyRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/companies',
    summary: 'List companies (keyset-paginated); cf.<key>=<value> filters on a custom field',
    tags: ['Companies'],
    query: ZListCompaniesQuery,
    response: listResponse(ZCompany),
    handler: ({ trx, actor, query, req }) =>
      listCompanies(trx, actor, query, readCustomFieldQuery(req.query)),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/companies',
    summary: 'Create a company',
    tags: ['Companies'],
    body: ZCreateCompanyRequest,
    status: 201,
    response: ZCompany,
    handler: async ({ trx, actor, body, reply }) => {
      const company = await createCompany(trx, actor, body);
      reply.header('etag', `"${company.version}"`).header('location', `/api/v1/companies/${company.id}`);
      return company;
    },
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/companies/:id',
    summary: 'Get a company',
    tags: ['Companies'],
    params: ZCompanyParams,
    query: ZRecordQuery,
    response: ZCompany,
    handler: async ({ trx, actor, params, query, reply }) => {
      const company = await getCompany(trx, actor, params.id, query.includeArchivedFields);
      reply.header('etag', `"${company.version}"`);
      return company;
    },
  });
  addRoute(app, {
    method: 'PATCH',
    url: '/api/v1/companies/:id',
    summary: 'Change a company; send If-Match with the version you read to refuse stale writes (412)',
    tags: ['Companies'],
    params: ZCompanyParams,
    body: ZUpdateCompanyRequest,
    response: ZCompany,
    errors: [412],
    handler: async ({ trx, actor, params, body, req, reply }) => {
      const company = await updateCompany(trx, actor, params.id, body, readIfMatch(req));
      reply.header('etag', `"${company.version}"`);
      return company;
    },
  });
  addRoute(app, {
    method: 'DELETE',
    url: '/api/v1/companies/:id',
    summary: 'Delete a company; its people leave it and its subsidiaries lose their parent',
    tags: ['Companies'],
    params: ZCompanyParams,
    status: 204,
    errors: [412],
    handler: ({ trx, actor, params, req }) => deleteCompany(trx, actor, params.id, readIfMatch(req)),
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/companies/:id/people',
    summary: "The company's people (keyset-paginated; the same filters and sorts as the people list)",
    tags: ['Companies'],
    params: ZCompanyParams,
    query: ZListPeopleQuery.omit({ companyId: true }),
    response: listResponse(ZPerson),
    handler: async ({ trx, actor, params, query, req }) => {
      const company = await getCompany(trx, actor, params.id);
      return listPeople(trx, actor, { ...query, companyId: company.id }, readCustomFieldQuery(req.query));
    },
  });
}
