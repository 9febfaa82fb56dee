import {
  listResponse,
  ZBulkResponse,
  ZCreateDealRequest,
  ZDeal,
  ZDealsBulkRequest,
  ZForecast,
  ZForecastQuery,
  ZListDealsQuery,
  ZMoveDealRequest,
  ZRecordQuery,
  ZStageHistoryEntry,
  ZUpdateDealRequest,
} from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readIfMatch } from '../../lib/if-match.ts';
import { addRoute } from '../../lib/route.ts';
import { readCustomFieldQuery } from '../custom-fields/index.ts';
import {
  createDeal,
  deleteDeal,
  getDeal,
  listDeals,
  listStageHistory,
  moveDeal,
  updateDeal,
} from './deals.service.ts';
import { bulkUpdateDeals } from './deals-bulk.service.ts';
import { getForecast } from './deals-forecast.service.ts';

const ZParams = z.object({ id: z.string().max(100) });
const tags = ['Deals'];

export function registerDealRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/deals',
    summary:
      'List deals (keyset-paginated; filter language, sorts and saved views as people; cf.<key>=<value>)',
    tags,
    query: ZListDealsQuery,
    response: listResponse(ZDeal),
    handler: ({ trx, actor, query, req }) => listDeals(trx, actor, query, readCustomFieldQuery(req.query)),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/deals',
    summary: "Create a deal (default: the default pipeline's first stage, owned by the caller)",
    tags,
    body: ZCreateDealRequest,
    status: 201,
    response: ZDeal,
    handler: async ({ trx, actor, body, reply }) => {
      const deal = await createDeal(trx, actor, body);
      reply.header('etag', `"${deal.version}"`).header('location', `/api/v1/deals/${deal.id}`);
      return deal;
    },
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/deals/forecast',
    summary:
      'Weighted and unweighted open pipeline and won/lost totals, by close month or owner (base currency when rates exist)',
    tags,
    query: ZForecastQuery,
    response: ZForecast,
    handler: ({ trx, actor, query }) => getForecast(trx, actor, query),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/deals/bulk',
    summary: 'Set owner or stage of deals given by ids or a filter (only deals the caller may see)',
    tags,
    body: ZDealsBulkRequest,
    response: ZBulkResponse,
    handler: ({ trx, actor, body }) => bulkUpdateDeals(trx, actor, body),
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/deals/:id',
    summary: 'Get a deal',
    tags,
    params: ZParams,
    query: ZRecordQuery,
    response: ZDeal,
    handler: async ({ trx, actor, params, query, reply }) => {
      const deal = await getDeal(trx, actor, params.id, query.includeArchivedFields);
      reply.header('etag', `"${deal.version}"`);
      return deal;
    },
  });
  addRoute(app, {
    method: 'PATCH',
    url: '/api/v1/deals/:id',
    summary:
      'Change a deal (a new stageId is a move, recorded in the stage history); If-Match: 412 when stale',
    tags,
    params: ZParams,
    body: ZUpdateDealRequest,
    response: ZDeal,
    errors: [412],
    handler: async ({ trx, actor, params, body, req, reply }) => {
      const deal = await updateDeal(trx, actor, params.id, body, readIfMatch(req));
      reply.header('etag', `"${deal.version}"`);
      return deal;
    },
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/deals/:id/move',
    summary:
      "Move a deal to a stage (the board's drag); a lost stage needs lostReason; If-Match: 412 when stale",
    tags,
    params: ZParams,
    body: ZMoveDealRequest,
    response: ZDeal,
    errors: [412],
    handler: async ({ trx, actor, params, body, req, reply }) => {
      const deal = await moveDeal(trx, actor, params.id, body, readIfMatch(req));
      reply.header('etag', `"${deal.version}"`);
      return deal;
    },
  });
  addRoute(app, {
    method: 'DELETE',
    url: '/api/v1/deals/:id',
    summary: 'Delete a deal',
    tags,
    params: ZParams,
    status: 204,
    errors: [412],
    handler: ({ trx, actor, params, req }) => deleteDeal(trx, actor, params.id, readIfMatch(req)),
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/deals/:id/stage-history',
    summary: 'Every stage move of the deal, oldest first (from, to, when, who)',
    tags,
    params: ZParams,
    response: z.object({ data: z.array(ZStageHistoryEntry) }),
    handler: ({ trx, actor, params }) => listStageHistory(trx, actor, params.id),
  });
}
