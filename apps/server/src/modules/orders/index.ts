import type { FastifyInstance } from 'fastify';
import { registerExtraFilterFields } from '../../lib/filters/index.ts';
import { registerBaseCurrencyUse } from '../currencies/index.ts';
import { registerMergeHandler } from '../merges/index.ts';
import { registerTimelineSource } from '../timeline/index.ts';
import { registerCustomerPurchaseRoutes } from './customer-purchases.routes.ts';
import { hasAnyOrder } from './orders.repository.ts';
import { registerOrderRoutes as registerOrderApiRoutes } from './orders.routes.ts';
import { orderTimelineSource, refundTimelineSource } from './orders.timeline.ts';
import { moveOrdersToSurvivor } from './orders-merge.handlers.ts';
import { purchaseStatsFields } from './purchase-stats-filters.ts';

export { DEFAULT_ORDER_SOURCE, getOrder, type TUpsertOrderInput, upsertOrder } from './orders.service.ts';
export type {
  TCustomerProductsTable,
  TCustomerPurchaseStatsTable,
  TOrderLinesTable,
  TOrdersTable,
  TRefundsTable,
} from './orders.table.ts';
export { selectImportedOrdersChangedSince } from './orders-import.repository.ts';
export {
  deleteImportedOrders,
  planOrderImport,
  restoreImportedOrders,
  selectOrderVersions,
  type TImportedOrderInput,
  type TOrderBeforeImage,
  type TOrderImportDecision,
} from './orders-import.service.ts';
export { readPurchaseStats } from './purchase-stats.ts';
export { createRefund } from './refunds.service.ts';

/** Orders, refunds, per-customer stats and suggestions; puts orders and refunds on timelines. */
export function registerOrderRoutes(app: FastifyInstance): void {
  registerOrderApiRoutes(app);
  registerCustomerPurchaseRoutes(app);
  registerTimelineSource(orderTimelineSource);
  registerTimelineSource(refundTimelineSource);
}

registerExtraFilterFields('person', 'purchaseStats', purchaseStatsFields('person'));
registerExtraFilterFields('company', 'purchaseStats', purchaseStatsFields('company'));

// Wrapped: looked up at merge time, not while the module cycle is still loading.
registerMergeHandler('person', 'orders', (trx, actor, move) => moveOrdersToSurvivor(trx, actor, move));
registerMergeHandler('company', 'orders', (trx, actor, move) => moveOrdersToSurvivor(trx, actor, move));

registerBaseCurrencyUse('orders', (trx, workspaceId) => hasAnyOrder(trx, workspaceId));
