import { ZDeal } from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { registerRecordType } from '../custom-fields/index.ts';
import { registerMergeHandler } from '../merges/index.ts';
import { registerSearchSource } from '../search/index.ts';
import { registerTimelineRecordType, registerTimelineSource } from '../timeline/index.ts';
import { registerViewTarget } from '../views/index.ts';
import { moveDealCompany, moveDealPeople } from './deal-merge.handlers.ts';
import { findDealSearchResults } from './deal-search.ts';
import { isIndexedSort, removeCustomFieldKey } from './deals.repository.ts';
import { registerDealRoutes } from './deals.routes.ts';
import { findVisibleDealIds, getDeal } from './deals.service.ts';
import { dealTimelineSource, stageMoveTimelineSource } from './deals.timeline.ts';
import { loadDealFields } from './deals-filter-fields.ts';
import { registerPipelineRoutes } from './pipelines.routes.ts';

export { findVisibleDealIds, getDeal, listDeals } from './deals.service.ts';
export type {
  TDealLineItemsTable,
  TDealPeopleTable,
  TDealStageHistoryTable,
  TDealsTable,
  TPipelineStagesTable,
  TPipelinesTable,
} from './deals.table.ts';

registerViewTarget('deal', { loadFields: loadDealFields, isIndexedSort, defaultSort: '-updatedAt' });

registerRecordType('deal', {
  findVisibleIds: (trx, actor, ids) => findVisibleDealIds(trx, actor, ids),
  removeCustomFieldValues: (trx, workspaceId, key) => removeCustomFieldKey(trx, workspaceId, key),
});

// Merged people and companies: their deal links move to the survivor. (Wrapped: looked up at
// merge time, not while the module cycle is still loading.)
registerMergeHandler('person', 'deals', (trx, actor, move) => moveDealPeople(trx, actor, move));
registerMergeHandler('company', 'deals', (trx, actor, move) => moveDealCompany(trx, actor, move));

/** Pipelines, deals, the deal timeline (activities and tasks may link to deals), search. */
export function registerDealsRoutes(app: FastifyInstance): void {
  registerPipelineRoutes(app);
  registerDealRoutes(app);
  registerTimelineSource(dealTimelineSource);
  registerTimelineSource(stageMoveTimelineSource);
  registerTimelineRecordType(app, {
    type: 'deal',
    path: 'deals',
    tag: 'Deals',
    objectType: 'deals',
    findVisibleIds: (trx, actor, ids) => findVisibleDealIds(trx, actor, ids),
    overview: { recordSchema: ZDeal, readRecord: (trx, actor, id) => getDeal(trx, actor, id) },
  });
  registerSearchSource({
    type: 'deal',
    objectType: 'deals',
    loadResults: (trx, actor, ids) => findDealSearchResults(trx, actor, ids),
  });
}
