import {
  computeDealLineTotal,
  computeWeightedAmount,
  ExactDecimal as Decimal,
  type TDeal,
  type TLineItem,
  type TStageHistoryEntry,
} from '@kap/shared';
import { pickVisibleValues } from '../custom-fields/index.ts';
import type { TDealRow, TLineItemRow } from './deals.repository.ts';

export function toLineItem(row: TLineItemRow): TLineItem {
  return {
    productId: row.productId,
    name: row.name,
    quantity: new Decimal(row.quantity).toString(),
    unitPrice: row.unitPrice,
    discountPercent: new Decimal(row.discountPercent).toString(),
    total: computeDealLineTotal(row),
  };
}

export function toDeal(
  row: TDealRow,
  personIds: readonly string[],
  lineItems: readonly TLineItemRow[],
  visibleFieldKeys: ReadonlySet<string>,
): TDeal {
  return {
    id: row.id,
    name: row.name,
    pipelineId: row.pipelineId,
    stageId: row.stageId,
    status: row.status,
    probability: row.probability,
    amount: row.amount,
    weightedAmount: computeWeightedAmount(row.amount, row.probability),
    currency: row.currency,
    expectedCloseDate: row.expectedCloseDate,
    ownerId: row.ownerId,
    personIds: [...personIds],
    companyId: row.companyId,
    source: row.source,
    lostReason: row.lostReason,
    lineItems: lineItems.map(toLineItem),
    stageEnteredAt: row.stageEnteredAt.toISOString(),
    closedAt: row.closedAt ? row.closedAt.toISOString() : null,
    customFields: pickVisibleValues(row.customFields, visibleFieldKeys),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
  };
}

/** The audited view: what a user edits (stage moves are audited as `deal.move`). */
export function snapshotOf(deal: TDeal) {
  return {
    name: deal.name,
    stageId: deal.stageId,
    status: deal.status,
    amount: deal.amount,
    currency: deal.currency,
    expectedCloseDate: deal.expectedCloseDate,
    ownerId: deal.ownerId,
    personIds: deal.personIds,
    companyId: deal.companyId,
    source: deal.source,
    lostReason: deal.lostReason,
    lineItems: deal.lineItems.map(({ total: _t, ...item }) => item),
    customFields: deal.customFields,
  };
}

export function toHistoryEntry(row: {
  id: string;
  fromStageId: string | null;
  toStageId: string;
  movedAt: Date;
  movedBy: string | null;
  movedByType: string | null;
  movedByName: string | null;
}): TStageHistoryEntry {
  return {
    id: row.id,
    fromStageId: row.fromStageId,
    toStageId: row.toStageId,
    movedAt: row.movedAt.toISOString(),
    movedBy: { type: row.movedByType, id: row.movedBy, name: row.movedByName },
  };
}
