import {
  listResponse,
  ZCompany,
  ZCompanyDuplicatesResponse,
  ZCreateCompanyRequest,
  ZListCompaniesQuery,
  ZListPeopleQuery,
  ZMergeCompaniesResponse,
  ZMergeRequest,
  ZPerson,
  ZRecordQuery,
  ZUpdateCompanyRequest,
} from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readIfMatch } from '../../lib/if-match.ts';
import { addRoute } from '../../lib/route.ts';
import { readCustomFieldQuery } from '../custom-fields/index.ts';
import { changeRefusingMerged, readFollowingMerges } from '../merges/index.ts';
import { listPeople } from '../people/index.ts';
import {
  createCompany,
  deleteCompany,
  getCompany,
  listCompanies,
  updateCompany,
} from './companies.service.ts';
import { findCompanyDuplicates } from './company-duplicates.service.ts';
import { mergeCompanies } from './company-merge.service.ts';

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
    summary:
      'Get a company. A merged id answers 200 with the survivor, Content-Location naming it and Kap-Merged-Into its id',
    tags: ['Companies'],
    params: ZCompanyParams,
    query: ZRecordQuery,
    response: ZCompany,
    handler: async ({ trx, actor, params, query, reply }) => {
      const { record: company, mergedInto } = await readFollowingMerges(
        trx,
        actor,
        'company',
        params.id,
        (id) => getCompany(trx, actor, id, query.includeArchivedFields),
      );
      if (mergedInto) {
        reply
          .header('content-location', `/api/v1/companies/${mergedInto}`)
          .header('kap-merged-into', mergedInto);
      }
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
    errors: [409, 412],
    handler: async ({ trx, actor, params, body, req, reply }) => {
      // A merged id is a 409 CONFLICT naming the survivor (Kap-Merged-Into), not a silent edit of it.
      const company = await changeRefusingMerged(trx, actor, 'company', params.id, () =>
        updateCompany(trx, actor, params.id, body, readIfMatch(req)),
      );
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
    errors: [409, 412],
    handler: ({ trx, actor, params, req }) =>
      changeRefusingMerged(trx, actor, 'company', params.id, () =>
        deleteCompany(trx, actor, params.id, readIfMatch(req)),
      ),
  });
  registerCompanyMergeRoutes(app);
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

function registerCompanyMergeRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/companies/:id/duplicates',
    summary: 'Companies that look like this one (a shared domain, a very similar name)',
    tags: ['Companies'],
    params: ZCompanyParams,
    response: ZCompanyDuplicatesResponse,
    handler: async ({ trx, actor, params }) => ({ data: await findCompanyDuplicates(trx, actor, params.id) }),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/companies/merge',
    summary:
      'Merge companies into a survivor (one transaction). If-Match applies to the survivor; merged ids then resolve to it',
    tags: ['Companies'],
    body: ZMergeRequest,
    response: ZMergeCompaniesResponse,
    errors: [404, 409, 412],
    handler: async ({ trx, actor, body, req, reply }) => {
      const result = await mergeCompanies(trx, actor, body, readIfMatch(req));
      reply.header('etag', `"${result.company.version}"`);
      return result;
    },
  });
}
