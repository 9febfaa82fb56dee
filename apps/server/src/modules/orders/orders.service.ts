import type {
  TCreateOrderRequest,
  TListOrdersQuery,
  TOrder,
  TOrderStatus,
  TOrderSummary,
  TUpsertOrderRequest,
} from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, assertCanRead, assertCanWrite, type TActor } from '../../lib/actor.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/index.ts';
import { findVisibleCompanyIds } from '../companies/index.ts';
import { findConversion } from '../currencies/index.ts';
import { findVisiblePersonIds } from '../people/index.ts';
import { findProductsByIds } from '../products/index.ts';
import { compareMoney, computeLines, type TComputedLine, type TLineProduct, toBase } from './order-totals.ts';
import { canSeeOrder, orderVisibilityOf } from './order-visibility.ts';
import {
  lockExternalId,
  ORDER_COLUMNS,
  rebaseRefunds,
  replaceLines,
  selectLines,
  selectOrder,
  selectOrderByExternalId,
  selectOrdersPage,
  selectRefunds,
  type TOrderLineRow,
  type TOrderRow,
  type TRefundRow,
} from './orders.repository.ts';
import { refreshPurchaseStats } from './purchase-stats.ts';

/** Kap's own source name for orders typed in without one. */
export const DEFAULT_ORDER_SOURCE = 'kap';

export function toOrderSummary(row: TOrderRow): TOrderSummary {
  return {
    id: row.id,
    source: row.source,
    externalId: row.externalId,
    channel: row.channel,
    location: row.location,
    personId: row.personId,
    companyId: row.companyId,
    occurredAt: row.occurredAt.toISOString(),
    status: row.status,
    currency: row.currency,
    subtotal: row.subtotal,
    discountTotal: row.discountTotal,
    taxTotal: row.taxTotal,
    total: row.total,
    refundedTotal: row.refundedTotal,
    baseCurrency: row.baseCurrency,
    exchangeRate: row.exchangeRate,
    baseTotal: row.baseTotal,
    baseRefundedTotal: row.baseRefundedTotal,
    note: row.note,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
  };
}

export const toLine = (row: TOrderLineRow | TComputedLine): TComputedLine => ({
  lineNo: row.lineNo,
  productId: row.productId,
  description: row.description,
  sku: row.sku,
  category: row.category,
  quantity: row.quantity,
  unitPrice: row.unitPrice,
  discount: row.discount,
  tax: row.tax,
  taxRate: row.taxRate,
  lineTotal: row.lineTotal,
});

export const toRefund = (row: TRefundRow) => ({
  id: row.id,
  orderId: row.orderId,
  amount: row.amount,
  baseAmount: row.baseAmount,
  reason: row.reason,
  lines: row.lines,
  occurredAt: row.occurredAt.toISOString(),
  createdAt: row.createdAt.toISOString(),
  createdBy: row.createdBy,
});

export async function loadOrder(trx: TTrx, row: TOrderRow): Promise<TOrder> {
  const [lines, refunds] = await Promise.all([
    selectLines(trx, row.workspaceId, row.id),
    selectRefunds(trx, row.workspaceId, row.id),
  ]);
  return { ...toOrderSummary(row), lines: lines.map(toLine), refunds: refunds.map(toRefund) };
}

/** What the audit log keeps of an order: the fields a client sends, lines in short. */
export function snapshotOf(row: TOrderRow, lines: readonly TComputedLine[]) {
  const {
    id: _i,
    version: _v,
    createdAt: _c,
    updatedAt: _u,
    createdBy: _cb,
    updatedBy: _ub,
    ...fields
  } = toOrderSummary(row);
  return {
    ...fields,
    lines: lines.map((l) => ({
      productId: l.productId,
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discount: l.discount,
      tax: l.tax,
      lineTotal: l.lineTotal,
    })),
  };
}

export async function getOrderRow(
  trx: TTrx,
  actor: TActor,
  id: string,
  forUpdate = false,
): Promise<TOrderRow> {
  const row = await selectOrder(trx, actor.workspaceId, id, forUpdate);
  if (!row || !(await canSeeOrder(trx, actor, row))) throw notFound('Order');
  return row;
}

export async function getOrder(trx: TTrx, actor: TActor, id: string): Promise<TOrder> {
  assertCanRead(actor, 'orders');
  return loadOrder(trx, await getOrderRow(trx, actor, id));
}

export async function listOrders(trx: TTrx, actor: TActor, query: TListOrdersQuery) {
  assertCanRead(actor, 'orders');
  const rows = await selectOrdersPage(trx, actor.workspaceId, query, orderVisibilityOf(trx, actor));
  return toPage(rows, query.limit, toOrderSummary, (row) => [row.sortValue, row.id]);
}

/** The customer must be a person/company of the workspace that the actor sees: else a 400 at its path. */
export async function assertCustomers(
  trx: TTrx,
  actor: TActor,
  input: { personId?: string | null | undefined; companyId?: string | null | undefined },
): Promise<void> {
  const details = [];
  if (input.personId && !(await findVisiblePersonIds(trx, actor, [input.personId])).has(input.personId)) {
    details.push({ path: 'personId', message: 'No such person in this workspace' });
  }
  if (input.companyId && !(await findVisibleCompanyIds(trx, actor, [input.companyId])).has(input.companyId)) {
    details.push({ path: 'companyId', message: 'No such company in this workspace' });
  }
  const first = details[0];
  if (first) throw new AppError('VALIDATION_FAILED', `Invalid ${first.path}: ${first.message}`, details);
}

/** Refunds decide the status once there are any; a cancelled order stays cancelled. */
export function effectiveStatus(given: TOrderStatus, refundedTotal: string, total: string): TOrderStatus {
  if (given === 'cancelled' || compareMoney(refundedTotal, '0') <= 0) return given;
  return compareMoney(refundedTotal, total) >= 0 ? 'refunded' : 'partiallyRefunded';
}

export type TOrderInput = TUpsertOrderRequest & { source: string; externalId: string | null };

async function loadLineProducts(trx: TTrx, workspaceId: string, input: TOrderInput) {
  const ids = input.lines.flatMap((line) => (line.productId ? [line.productId.toLowerCase()] : []));
  const rows = await findProductsByIds(trx, workspaceId, ids);
  return new Map<string, TLineProduct>(rows.map((row) => [row.id, row]));
}

/** Creates or replaces an order (lines included) from validated input; stats follow in the same transaction. */
export async function writeOrder(trx: TTrx, actor: TActor, input: TOrderInput, current: TOrderRow | null) {
  await assertCustomers(trx, actor, input);
  const { lines, totals } = computeLines(
    input.lines,
    input.currency,
    await loadLineProducts(trx, actor.workspaceId, input),
  );
  const occurredAt = new Date(input.occurredAt);
  const conversion = await findConversion(trx, actor.workspaceId, input.currency, occurredAt);
  const refundedTotal = current?.refundedTotal ?? '0.00';
  if (current && compareMoney(totals.total, refundedTotal) < 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Invalid lines: the new total ${totals.total} is less than the ${refundedTotal} already refunded`,
      [{ path: 'lines', message: `The total would be less than the ${refundedTotal} already refunded` }],
    );
  }
  if (current && refundedTotal !== '0.00' && current.currency !== input.currency) {
    throw new AppError('VALIDATION_FAILED', 'Invalid currency: the order has refunds in its currency', [
      { path: 'currency', message: `The order has refunds in ${current.currency}` },
    ]);
  }
  const status = effectiveStatus(input.status ?? current?.status ?? 'placed', refundedTotal, totals.total);
  if (current && status === 'cancelled' && refundedTotal !== '0.00') {
    throw new AppError('CONFLICT', 'An order with refunds cannot be cancelled; refund the rest instead', [
      { path: 'status', message: 'The order has refunds' },
    ]);
  }
  const baseTotal = toBase(totals.total, conversion.rate);
  const columns = {
    channel: input.channel,
    location: input.location ?? null,
    personId: input.personId ?? null,
    companyId: input.companyId ?? null,
    occurredAt,
    status,
    currency: input.currency,
    ...totals,
    baseCurrency: conversion.baseCurrency,
    exchangeRate: conversion.rate,
    baseTotal,
    note: input.note ?? null,
  };
  const currentLines = current ? (await selectLines(trx, actor.workspaceId, current.id)).map(toLine) : [];
  let row: TOrderRow;
  if (current) {
    if (isUnchanged(current, columns, currentLines, lines)) {
      return { row: current, lines, isCreated: false, isChanged: false };
    }
    const baseRefundedTotal =
      refundedTotal === '0.00'
        ? '0.00'
        : compareMoney(refundedTotal, totals.total) === 0
          ? baseTotal
          : await rebaseRefunds(trx, actor.workspaceId, current.id, conversion.rate);
    row = await trx
      .updateTable('orders')
      .set({
        ...columns,
        baseRefundedTotal,
        version: current.version + 1,
        updatedAt: new Date(),
        updatedBy: actorId(actor),
      })
      .where('workspaceId', '=', actor.workspaceId)
      .where('id', '=', current.id)
      .returning(ORDER_COLUMNS)
      .executeTakeFirstOrThrow();
  } else {
    const now = new Date();
    row = await trx
      .insertInto('orders')
      .values({
        ...columns,
        workspaceId: actor.workspaceId,
        id: newId(),
        source: input.source,
        externalId: input.externalId,
        createdAt: now,
        updatedAt: now,
        createdBy: actorId(actor),
        updatedBy: actorId(actor),
      })
      .returning(ORDER_COLUMNS)
      .executeTakeFirstOrThrow();
  }
  await replaceLines(trx, actor.workspaceId, row.id, lines);
  await refreshPurchaseStats(trx, actor.workspaceId, {
    personIds: [current?.personId ?? null, row.personId],
    companyIds: [current?.companyId ?? null, row.companyId],
  });
  await recordAudit(trx, actor, {
    action: current ? 'order.update' : 'order.create',
    recordType: 'order',
    recordId: row.id,
    before: current ? snapshotOf(current, currentLines) : null,
    after: snapshotOf(row, lines),
  });
  return { row, lines, isCreated: !current, isChanged: true };
}

function isUnchanged(
  current: TOrderRow,
  columns: Record<string, unknown>,
  currentLines: readonly TComputedLine[],
  lines: readonly TComputedLine[],
): boolean {
  const same = (a: unknown, b: unknown) =>
    a instanceof Date && b instanceof Date
      ? a.getTime() === b.getTime()
      : JSON.stringify(a) === JSON.stringify(b);
  const row = current as unknown as Record<string, unknown>;
  return (
    Object.entries(columns).every(([key, value]) => same(row[key], value)) &&
    JSON.stringify(currentLines) === JSON.stringify(lines.map(toLine))
  );
}

export async function createOrder(trx: TTrx, actor: TActor, input: TCreateOrderRequest): Promise<TOrder> {
  assertCanWrite(actor, 'orders');
  const source = input.source ?? DEFAULT_ORDER_SOURCE;
  if (input.externalId) {
    await lockExternalId(trx, actor.workspaceId, source, input.externalId);
    const existing = await selectOrderByExternalId(trx, actor.workspaceId, source, input.externalId);
    if (existing) {
      // The id is named only to whom may see that order.
      const which = (await canSeeOrder(trx, actor, existing)) ? `order ${existing.id}` : 'another order';
      throw new AppError(
        'DUPLICATE',
        `External id "${input.externalId}" from "${source}" is already used by ${which}; PUT /api/v1/orders/by-external-id/${source}/${input.externalId} updates it`,
        [{ path: 'externalId', message: `Already used by ${which}` }],
      );
    }
  }
  const { row } = await writeOrder(
    trx,
    actor,
    { ...input, source, externalId: input.externalId ?? null },
    null,
  );
  return loadOrder(trx, row);
}

export type TUpsertOrderInput = TUpsertOrderRequest & { source: string; externalId: string };

/**
 * Creates the order with this (source, external id) or replaces it: shop integrations send the
 * same order again and again, so a repeat with the same content changes nothing (no new version,
 * no audit entry). Exported for the event API and the import pipeline.
 */
export async function upsertOrder(
  trx: TTrx,
  actor: TActor,
  input: TUpsertOrderInput,
): Promise<{ order: TOrder; isCreated: boolean; isChanged: boolean }> {
  assertCanWrite(actor, 'orders');
  await lockExternalId(trx, actor.workspaceId, input.source, input.externalId);
  const current = await selectOrderByExternalId(trx, actor.workspaceId, input.source, input.externalId, true);
  if (current && !(await canSeeOrder(trx, actor, current))) {
    throw forbidden(
      `The order "${input.externalId}" from "${input.source}" belongs to a customer you cannot see`,
    );
  }
  const result = await writeOrder(trx, actor, input, current ?? null);
  return {
    order: await loadOrder(trx, result.row),
    isCreated: result.isCreated,
    isChanged: result.isChanged,
  };
}
