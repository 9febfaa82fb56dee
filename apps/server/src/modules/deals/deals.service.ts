import type {
  TCreateDealRequest,
  TDeal,
  TListDealsQuery,
  TMoveDealRequest,
  TStageHistoryEntry,
  TUpdateDealRequest,
} from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import {
  actorId,
  assertCanRead,
  assertCanWrite,
  isOwnerVisible,
  type TActor,
  visibleOwnerIdsOf,
} from '../../lib/actor.ts';
import { notFound } from '../../lib/errors.ts';
import { isUuid, newId } from '../../lib/ids.ts';
import { assertFreshVersion } from '../../lib/if-match.ts';
import { toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/index.ts';
import {
  applyCustomFieldValues,
  buildCustomFieldFilter,
  loadVisibleFieldKeys,
  type TValueContext,
} from '../custom-fields/index.ts';
import { getDefaultCountry } from '../people/index.ts';
import { resolveListCriteria } from '../views/index.ts';
import {
  assertAmountFits,
  assertOwnerIsMember,
  invalid,
  resolveCompanyId,
  resolveLineItems,
  resolvePersonIds,
  totalOf,
} from './deal-input.ts';
import { insertStageMove } from './deal-moves.ts';
import {
  replaceDealPeople,
  replaceLineItems,
  selectDeal,
  selectDealIds,
  selectDealPeople,
  selectDealsPage,
  selectLineItems,
  selectStageHistory,
  type TDealRow,
} from './deals.repository.ts';
import { snapshotOf, toDeal, toHistoryEntry } from './deals.view.ts';
import { selectStage, selectStages, type TStageRow } from './pipelines.repository.ts';
import { ensureDefaultPipeline, getPipelineRow } from './pipelines.service.ts';

const contextOf = (trx: TTrx, actor: TActor): TValueContext => ({
  getDefaultCountry: () => getDefaultCountry(trx, actor.workspaceId),
});

/** Rows as API deals: their people and line items in two queries, custom fields as visible. */
export async function toDeals(
  trx: TTrx,
  workspaceId: string,
  rows: readonly TDealRow[],
  includeArchived = false,
) {
  const ids = rows.map((row) => row.id);
  const [people, items] = await Promise.all([
    selectDealPeople(trx, workspaceId, ids),
    selectLineItems(trx, workspaceId, ids),
  ]);
  const hasValues = rows.some((row) => Object.keys(row.customFields).length > 0);
  const keys = hasValues
    ? await loadVisibleFieldKeys(trx, workspaceId, 'deal', includeArchived)
    : new Set<string>();
  return rows.map((row) => toDeal(row, people.get(row.id) ?? [], items.get(row.id) ?? [], keys));
}

async function getVisibleRow(trx: TTrx, actor: TActor, id: string, forUpdate = false): Promise<TDealRow> {
  const row = isUuid(id) ? await selectDeal(trx, actor.workspaceId, id.toLowerCase(), forUpdate) : undefined;
  if (!row || !isOwnerVisible(actor, row.ownerId)) throw notFound('Deal');
  return row;
}

async function loadDeal(trx: TTrx, actor: TActor, id: string, includeArchived = false): Promise<TDeal> {
  const row = await selectDeal(trx, actor.workspaceId, id);
  if (!row) throw notFound('Deal');
  const [deal] = await toDeals(trx, actor.workspaceId, [row], includeArchived);
  if (!deal) throw notFound('Deal');
  return deal;
}

/** Record-type hook (custom field relations, timeline links): the deals the actor may see. */
export async function findVisibleDealIds(
  trx: TTrx,
  actor: TActor,
  ids: readonly string[],
): Promise<Set<string>> {
  return new Set(await selectDealIds(trx, actor.workspaceId, ids, visibleOwnerIdsOf(actor)));
}

export async function getDeal(trx: TTrx, actor: TActor, id: string, includeArchived = false): Promise<TDeal> {
  assertCanRead(actor, 'deals');
  const row = await getVisibleRow(trx, actor, id);
  return loadDeal(trx, actor, row.id, includeArchived);
}

export async function listDeals(
  trx: TTrx,
  actor: TActor,
  query: TListDealsQuery,
  customFieldFilters: Record<string, string> = {},
) {
  assertCanRead(actor, 'deals');
  const criteria = await resolveListCriteria(trx, actor, 'deal', query);
  const rows = await selectDealsPage(
    trx,
    {
      workspaceId: actor.workspaceId,
      visibleOwnerIds: visibleOwnerIdsOf(actor),
      pipelineId: query.pipelineId,
      stageId: query.stageId,
      status: query.status,
      ownerId: query.ownerId,
      personId: query.personId,
      companyId: query.companyId,
      q: query.q,
      customFields: await buildCustomFieldFilter(
        trx,
        actor.workspaceId,
        'deal',
        customFieldFilters,
        contextOf(trx, actor),
      ),
      where: criteria.where,
    },
    criteria.sort,
    query.limit,
    query.cursor,
  );
  const page = toPage(rows, query.limit, (row) => row, criteria.cursorOf);
  return {
    data: await toDeals(trx, actor.workspaceId, page.data, query.includeArchivedFields),
    nextCursor: page.nextCursor,
  };
}

/** A lost stage needs its reason; other stages have none. */
function lostReasonFor(
  stage: TStageRow,
  given: string | null | undefined,
  current: string | null,
): string | null {
  if (stage.kind !== 'lost') return null;
  const reason = given === undefined ? current : given;
  if (!reason) throw invalid('lostReason', 'Required when the deal is lost');
  return reason;
}

async function findStageOf(trx: TTrx, actor: TActor, stageId: string, pipelineId: string | null) {
  const stage = await selectStage(trx, actor.workspaceId, stageId.toLowerCase());
  if (!stage || (pipelineId !== null && stage.pipelineId !== pipelineId)) {
    throw invalid('stageId', pipelineId ? 'Not a stage of this pipeline' : 'No such stage in this workspace');
  }
  return stage;
}

export async function createDeal(trx: TTrx, actor: TActor, input: TCreateDealRequest): Promise<TDeal> {
  assertCanWrite(actor, 'deals');
  const pipeline = input.pipelineId
    ? await getPipelineRow(trx, actor, input.pipelineId).catch(() => {
        throw invalid('pipelineId', 'No such pipeline in this workspace');
      })
    : input.stageId
      ? null
      : await ensureDefaultPipeline(trx, actor);
  let stage: TStageRow | undefined;
  if (input.stageId) stage = await findStageOf(trx, actor, input.stageId, pipeline?.id ?? null);
  else if (pipeline) stage = (await selectStages(trx, actor.workspaceId, [pipeline.id]))[0];
  if (!stage) throw invalid('stageId', 'The pipeline has no stages');
  const ownerId = input.ownerId === undefined ? actor.userId : input.ownerId;
  await assertOwnerIsMember(trx, actor, ownerId);
  const lostReason = lostReasonFor(stage, input.lostReason, null);
  const personIds = await resolvePersonIds(trx, actor, input.personIds ?? []);
  const companyId = await resolveCompanyId(trx, actor, input.companyId ?? null);
  const lineItems = await resolveLineItems(trx, actor, input.lineItems ?? []);
  const amount = input.amount ?? (lineItems.length > 0 ? totalOf(lineItems) : '0');
  assertAmountFits(amount, input.amount === undefined ? 'lineItems' : 'amount');
  const customFields = input.customFields
    ? await applyCustomFieldValues(trx, actor, 'deal', {}, input.customFields, contextOf(trx, actor))
    : {};
  const now = new Date();
  const id = newId();
  await trx
    .insertInto('deals')
    .values({
      workspaceId: actor.workspaceId,
      id,
      name: input.name,
      pipelineId: stage.pipelineId,
      stageId: stage.id,
      status: stage.kind,
      amount,
      currency: input.currency,
      expectedCloseDate: input.expectedCloseDate ?? null,
      ownerId,
      companyId,
      source: input.source || null,
      lostReason,
      stageEnteredAt: now,
      closedAt: stage.kind === 'open' ? null : now,
      customFields: JSON.stringify(customFields),
      createdAt: now,
      updatedAt: now,
      createdBy: actorId(actor),
      updatedBy: actorId(actor),
    })
    .execute();
  await replaceDealPeople(trx, actor.workspaceId, id, personIds);
  await replaceLineItems(trx, actor.workspaceId, id, lineItems);
  await insertStageMove(trx, actor, {
    dealId: id,
    pipelineId: stage.pipelineId,
    fromStageId: null,
    toStageId: stage.id,
    movedAt: now,
  });
  const deal = await loadDeal(trx, actor, id);
  await recordAudit(trx, actor, {
    action: 'deal.create',
    recordType: 'deal',
    recordId: id,
    after: snapshotOf(deal),
  });
  return deal;
}

export async function updateDeal(
  trx: TTrx,
  actor: TActor,
  id: string,
  input: TUpdateDealRequest,
  expectedVersion: number | null,
): Promise<TDeal> {
  assertCanWrite(actor, 'deals');
  const row = await getVisibleRow(trx, actor, id, true);
  assertFreshVersion('deal', row.version, expectedVersion);
  const [before] = await toDeals(trx, actor.workspaceId, [row], true);
  if (!before) throw notFound('Deal');
  // A move within the deal's pipeline or to a stage of another one (the deal changes pipeline).
  const stage = input.stageId
    ? await findStageOf(trx, actor, input.stageId, null)
    : ((await selectStage(trx, actor.workspaceId, row.stageId)) as TStageRow);
  const isMove = stage.id !== row.stageId;
  const lostReason = lostReasonFor(stage, input.lostReason, isMove ? null : row.lostReason);
  if (input.ownerId !== undefined) await assertOwnerIsMember(trx, actor, input.ownerId);
  const personIds = input.personIds ? await resolvePersonIds(trx, actor, input.personIds) : undefined;
  const companyId =
    input.companyId !== undefined ? await resolveCompanyId(trx, actor, input.companyId) : undefined;
  const lineItems = input.lineItems ? await resolveLineItems(trx, actor, input.lineItems) : undefined;
  const amount = input.amount ?? (lineItems && lineItems.length > 0 ? totalOf(lineItems) : undefined);
  if (amount !== undefined) assertAmountFits(amount, input.amount === undefined ? 'lineItems' : 'amount');
  const customFields = input.customFields
    ? await applyCustomFieldValues(
        trx,
        actor,
        'deal',
        row.customFields,
        input.customFields,
        contextOf(trx, actor),
      )
    : undefined;
  const now = new Date();
  await trx
    .updateTable('deals')
    .set({
      name: input.name,
      amount,
      currency: input.currency,
      expectedCloseDate: input.expectedCloseDate,
      ...(input.ownerId !== undefined && { ownerId: input.ownerId }),
      companyId,
      source: input.source === undefined ? undefined : input.source || null,
      lostReason,
      customFields: customFields === undefined ? undefined : JSON.stringify(customFields),
      ...(isMove && {
        stageId: stage.id,
        pipelineId: stage.pipelineId,
        status: stage.kind,
        stageEnteredAt: now,
        closedAt: stage.kind === 'open' ? null : (row.closedAt ?? now),
      }),
      version: row.version + 1,
      updatedAt: now,
      updatedBy: actorId(actor),
    })
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', row.id)
    .execute();
  if (personIds) await replaceDealPeople(trx, actor.workspaceId, row.id, personIds);
  if (lineItems) await replaceLineItems(trx, actor.workspaceId, row.id, lineItems);
  if (isMove) {
    await insertStageMove(trx, actor, {
      dealId: row.id,
      pipelineId: stage.pipelineId,
      fromStageId: row.stageId,
      toStageId: stage.id,
      movedAt: now,
    });
  }
  const deal = await loadDeal(trx, actor, row.id, true);
  await recordAudit(trx, actor, {
    action: isMove ? 'deal.move' : 'deal.update',
    recordType: 'deal',
    recordId: row.id,
    before: snapshotOf(before),
    after: snapshotOf(deal),
  });
  // The audit saw archived custom field values too; the reply shows what a list would.
  return Object.keys(deal.customFields).length > 0 ? loadDeal(trx, actor, row.id) : deal;
}

/** The kanban move: a PATCH of the stage (and lost reason), with the same checks and history. */
export function moveDeal(
  trx: TTrx,
  actor: TActor,
  id: string,
  input: TMoveDealRequest,
  expectedVersion: number | null,
): Promise<TDeal> {
  return updateDeal(
    trx,
    actor,
    id,
    { stageId: input.stageId, lostReason: input.lostReason },
    expectedVersion,
  );
}

export async function deleteDeal(trx: TTrx, actor: TActor, id: string, expectedVersion: number | null) {
  assertCanWrite(actor, 'deals');
  const row = await getVisibleRow(trx, actor, id, true);
  assertFreshVersion('deal', row.version, expectedVersion);
  const [before] = await toDeals(trx, actor.workspaceId, [row], true);
  await trx
    .deleteFrom('deals')
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', row.id)
    .execute();
  await recordAudit(trx, actor, {
    action: 'deal.delete',
    recordType: 'deal',
    recordId: row.id,
    before: before ? snapshotOf(before) : null,
  });
}

export async function listStageHistory(
  trx: TTrx,
  actor: TActor,
  id: string,
): Promise<{ data: TStageHistoryEntry[] }> {
  assertCanRead(actor, 'deals');
  const row = await getVisibleRow(trx, actor, id);
  return { data: (await selectStageHistory(trx, actor.workspaceId, row.id)).map(toHistoryEntry) };
}
