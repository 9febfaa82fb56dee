import {
  listResponse,
  ZCreateOrderRequest,
  ZCreateRefundRequest,
  ZCreateRefundResponse,
  ZExternalOrderParams,
  ZListOrdersQuery,
  ZOrder,
  ZOrderSummary,
  ZUpdateOrderRequest,
  ZUpsertOrderRequest,
} from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readIfMatch } from '../../lib/if-match.ts';
import { addRoute } from '../../lib/route.ts';
import { updateOrder } from './order-update.service.ts';
import { createOrder, getOrder, listOrders, upsertOrder } from './orders.service.ts';
import { createRefund } from './refunds.service.ts';

const ZOrderParams = z.object({ id: z.string().max(100) });

export function registerOrderRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/orders',
    summary:
      'List orders, newest first (keyset-paginated), by customer, product, status, channel, source and time',
    tags: ['Orders'],
    query: ZListOrdersQuery,
    response: listResponse(ZOrderSummary),
    handler: ({ trx, actor, query }) => listOrders(trx, actor, query),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/orders',
    summary:
      'Create an order; totals are computed here. An external id already used by the source is a 409 (PUT …/by-external-id upserts)',
    tags: ['Orders'],
    body: ZCreateOrderRequest,
    status: 201,
    response: ZOrder,
    errors: [409],
    handler: async ({ trx, actor, body, reply }) => {
      const order = await createOrder(trx, actor, body);
      reply.header('etag', `"${order.version}"`).header('location', `/api/v1/orders/${order.id}`);
      return order;
    },
  });
  addRoute(app, {
    method: 'PUT',
    url: '/api/v1/orders/by-external-id/:source/:externalId',
    summary:
      'Create or replace the order with this external id from this source (idempotent: the same body again changes nothing)',
    tags: ['Orders'],
    params: ZExternalOrderParams,
    body: ZUpsertOrderRequest,
    response: ZOrder,
    errors: [409],
    handler: async ({ trx, actor, params, body, reply }) => {
      const { order, isCreated } = await upsertOrder(trx, actor, { ...body, ...params });
      reply.header('etag', `"${order.version}"`).header('kap-created', String(isCreated));
      return order;
    },
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/orders/:id',
    summary: 'An order with its lines and refunds',
    tags: ['Orders'],
    params: ZOrderParams,
    response: ZOrder,
    handler: async ({ trx, actor, params, reply }) => {
      const order = await getOrder(trx, actor, params.id);
      reply.header('etag', `"${order.version}"`);
      return order;
    },
  });
  addRoute(app, {
    method: 'PATCH',
    url: '/api/v1/orders/:id',
    summary:
      "Change an order's status (placed, paid, fulfilled, cancelled), customer, location or note; or its channel, time, currency or lines (all lines replaced, totals computed again)",
    tags: ['Orders'],
    params: ZOrderParams,
    body: ZUpdateOrderRequest,
    response: ZOrder,
    errors: [409, 412],
    handler: async ({ trx, actor, params, body, req, reply }) => {
      const order = await updateOrder(trx, actor, params.id, body, readIfMatch(req));
      reply.header('etag', `"${order.version}"`);
      return order;
    },
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/orders/:id/refunds',
    summary:
      'Refund an amount or lines of an order; its status becomes partiallyRefunded or refunded and the customer stats follow',
    tags: ['Orders'],
    params: ZOrderParams,
    body: ZCreateRefundRequest,
    status: 201,
    response: ZCreateRefundResponse,
    errors: [409],
    handler: ({ trx, actor, params, body }) => createRefund(trx, actor, params.id, body),
  });
}
