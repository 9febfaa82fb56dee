import type { TOrder, TOrderLineInput, TUpdateOrderRequest } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, assertCanWrite, type TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { assertFreshVersion } from '../../lib/if-match.ts';
import { recordAudit } from '../audit/index.ts';
import type { TComputedLine } from './order-totals.ts';
import { compareMoney } from './order-totals.ts';
import { ORDER_COLUMNS, selectLines, type TOrderRow } from './orders.repository.ts';
import { assertCustomers, getOrderRow, loadOrder, snapshotOf, toLine, writeOrder } from './orders.service.ts';
import { refreshPurchaseStats } from './purchase-stats.ts';

/** A stored line as the input that reproduces it (its tax rate when it had one, else its tax). */
const toLineInput = (line: TComputedLine): TOrderLineInput => ({
  productId: line.productId,
  description: line.description,
  quantity: line.quantity,
  unitPrice: line.unitPrice,
  discount: line.discount,
  ...(line.taxRate === null ? { tax: line.tax } : { taxRate: line.taxRate }),
});

/** Channel, time, currency or lines change the amounts: the order is written again as a whole. */
const changesAmounts = (input: TUpdateOrderRequest) =>
  input.channel !== undefined ||
  input.occurredAt !== undefined ||
  input.currency !== undefined ||
  input.lines !== undefined;

async function rewriteOrder(trx: TTrx, actor: TActor, current: TOrderRow, input: TUpdateOrderRequest) {
  const pick = <T>(given: T | undefined, stored: T) => (given === undefined ? stored : given);
  const lines =
    input.lines ??
    (await selectLines(trx, actor.workspaceId, current.id)).map((row) => toLineInput(toLine(row)));
  const { row } = await writeOrder(
    trx,
    actor,
    {
      source: current.source,
      externalId: current.externalId,
      channel: input.channel ?? current.channel,
      occurredAt: input.occurredAt ?? current.occurredAt.toISOString(),
      currency: input.currency ?? current.currency,
      ...(input.status !== undefined && { status: input.status }),
      location: pick(input.location, current.location),
      personId: pick(input.personId, current.personId),
      companyId: pick(input.companyId, current.companyId),
      note: pick(input.note, current.note),
      lines,
    },
    current,
  );
  return row;
}

/**
 * Status, location, note and customer of an order; with channel, time, currency or lines the
 * order is written again (totals, base amount, stats) as the upsert does.
 */
export async function updateOrder(
  trx: TTrx,
  actor: TActor,
  id: string,
  input: TUpdateOrderRequest,
  expectedVersion: number | null,
): Promise<TOrder> {
  assertCanWrite(actor, 'orders');
  const current = await getOrderRow(trx, actor, id, true);
  assertFreshVersion('order', current.version, expectedVersion);
  await assertCustomers(trx, actor, input);
  const hasRefunds = compareMoney(current.refundedTotal, '0') > 0;
  if (input.status && hasRefunds && input.status !== current.status) {
    throw new AppError('CONFLICT', 'The status of an order with refunds follows its refunds', [
      { path: 'status', message: 'The order has refunds' },
    ]);
  }
  if (changesAmounts(input)) return loadOrder(trx, await rewriteOrder(trx, actor, current, input));
  const lines = (await selectLines(trx, actor.workspaceId, current.id)).map(toLine);
  const row = await trx
    .updateTable('orders')
    .set({
      ...(input.status !== undefined && { status: input.status }),
      ...(input.location !== undefined && { location: input.location }),
      ...(input.note !== undefined && { note: input.note }),
      ...(input.personId !== undefined && { personId: input.personId }),
      ...(input.companyId !== undefined && { companyId: input.companyId }),
      version: current.version + 1,
      updatedAt: new Date(),
      updatedBy: actorId(actor),
    })
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', current.id)
    .returning(ORDER_COLUMNS)
    .executeTakeFirstOrThrow();
  await refreshPurchaseStats(trx, actor.workspaceId, {
    personIds: [current.personId, row.personId],
    companyIds: [current.companyId, row.companyId],
  });
  await recordAudit(trx, actor, {
    action: 'order.update',
    recordType: 'order',
    recordId: row.id,
    before: snapshotOf(current, lines),
    after: snapshotOf(row, lines),
  });
  return loadOrder(trx, row);
}
