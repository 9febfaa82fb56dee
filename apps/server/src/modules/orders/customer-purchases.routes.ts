import { ZPurchaseStats, ZSuggestionsQuery, ZSuggestionsResponse } from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TTrx } from '../../db/tenant.ts';
import { assertCanRead, type TActor } from '../../lib/actor.ts';
import { notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { addRoute } from '../../lib/route.ts';
import { findVisibleCompanyIds } from '../companies/index.ts';
import { findVisiblePersonIds } from '../people/index.ts';
import { readPurchaseStats, type TCustomerKind } from './purchase-stats.ts';
import { findSuggestions } from './suggestions.service.ts';

const ZParams = z.object({ id: z.string().max(100) });

/** The customer must exist and be visible (404 otherwise, as for the record itself). */
async function assertCustomerVisible(
  trx: TTrx,
  actor: TActor,
  kind: TCustomerKind,
  id: string,
): Promise<string> {
  assertCanRead(actor, kind === 'person' ? 'people' : 'companies');
  assertCanRead(actor, 'orders');
  const lowered = id.toLowerCase();
  const find = kind === 'person' ? findVisiblePersonIds : findVisibleCompanyIds;
  if (!isUuid(lowered) || !(await find(trx, actor, [lowered])).has(lowered)) {
    throw notFound(kind === 'person' ? 'Person' : 'Company');
  }
  return lowered;
}

export function registerCustomerPurchaseRoutes(app: FastifyInstance): void {
  for (const [kind, path, tag] of [
    ['person', 'people', 'People'],
    ['company', 'companies', 'Companies'],
  ] as const) {
    addRoute(app, {
      method: 'GET',
      url: `/api/v1/${path}/:id/purchase-stats`,
      summary: `Lifetime revenue (base currency, net of refunds), order count, first/last purchase, average order value, favourite channel and categories of the ${kind}`,
      tags: [tag, 'Orders'],
      params: ZParams,
      response: ZPurchaseStats,
      handler: async ({ trx, actor, params }) =>
        readPurchaseStats(
          trx,
          actor.workspaceId,
          kind,
          await assertCustomerVisible(trx, actor, kind, params.id),
        ),
    });
    addRoute(app, {
      method: 'GET',
      url: `/api/v1/${path}/:id/suggestions`,
      summary: `Products the ${kind} has not bought that others who bought the same products did, by co-purchase count`,
      tags: [tag, 'Orders'],
      params: ZParams,
      query: ZSuggestionsQuery,
      response: ZSuggestionsResponse,
      handler: async ({ trx, actor, params, query }) => {
        const id = await assertCustomerVisible(trx, actor, kind, params.id);
        assertCanRead(actor, 'products');
        return { data: await findSuggestions(trx, actor.workspaceId, kind, id, query.limit) };
      },
    });
  }
}
