import type { TCreateRefundRequest, TErrorDetail } from '@kap/shared';
import { ExactDecimal as Decimal, type TExactDecimal } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, assertCanWrite, type TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { addMoney, compareMoney, refundLineAmount, subtractMoney, toBase } from './order-totals.ts';
import { ORDER_COLUMNS, selectLines, selectRefunds } from './orders.repository.ts';
import { effectiveStatus, getOrderRow, loadOrder, toRefund } from './orders.service.ts';
import type { TRefundLineValue } from './orders.table.ts';
import { refreshPurchaseStats } from './purchase-stats.ts';

function failWith(details: TErrorDetail[]): never {
  const first = details[0];
  throw new AppError(
    'VALIDATION_FAILED',
    first ? `Invalid ${first.path}: ${first.message}` : 'Invalid refund',
    details,
  );
}

/** The refunded lines with their value; a line is never refunded beyond its quantity over all refunds. */
async function readRefundLines(
  trx: TTrx,
  workspaceId: string,
  orderId: string,
  input: NonNullable<TCreateRefundRequest['lines']>,
): Promise<TRefundLineValue[]> {
  const lines = new Map((await selectLines(trx, workspaceId, orderId)).map((line) => [line.lineNo, line]));
  const refunded = new Map<number, TExactDecimal>();
  for (const refund of await selectRefunds(trx, workspaceId, orderId)) {
    for (const line of refund.lines) {
      refunded.set(line.lineNo, (refunded.get(line.lineNo) ?? new Decimal(0)).plus(line.quantity));
    }
  }
  const details: TErrorDetail[] = [];
  const result: TRefundLineValue[] = [];
  input.forEach((wanted, i) => {
    const line = lines.get(wanted.lineNo);
    if (!line) {
      details.push({ path: `lines.${i}.lineNo`, message: 'No such line in this order' });
      return;
    }
    const left = new Decimal(line.quantity).minus(refunded.get(line.lineNo) ?? 0);
    const quantity = new Decimal(wanted.quantity ?? left);
    if (quantity.lessThanOrEqualTo(0) || quantity.greaterThan(left)) {
      details.push({
        path: `lines.${i}.quantity`,
        message: `At most ${left.toString()} of this line is left to refund`,
      });
      return;
    }
    refunded.set(line.lineNo, (refunded.get(line.lineNo) ?? new Decimal(0)).plus(quantity));
    result.push({
      lineNo: line.lineNo,
      quantity: quantity.toFixed(4),
      amount: refundLineAmount(line, quantity.toString()),
    });
  });
  if (details.length > 0) failWith(details);
  return result;
}

/**
 * A refund is its own record. The order's refunded total and status follow (partiallyRefunded,
 * refunded when nothing is left), and so do the customer's stats, in the same transaction.
 */
export async function createRefund(trx: TTrx, actor: TActor, orderId: string, input: TCreateRefundRequest) {
  assertCanWrite(actor, 'orders');
  const order = await getOrderRow(trx, actor, orderId, true);
  if (order.status === 'cancelled') {
    throw new AppError('CONFLICT', 'A cancelled order cannot be refunded', [
      { path: 'orderId', message: 'Cancelled' },
    ]);
  }
  const lines = input.lines ? await readRefundLines(trx, actor.workspaceId, order.id, input.lines) : [];
  const amount = input.amount ?? lines.reduce((sum, line) => addMoney(sum, line.amount), '0.00');
  const left = subtractMoney(order.total, order.refundedTotal);
  if (compareMoney(amount, '0') <= 0) failWith([{ path: 'amount', message: 'Must be more than 0' }]);
  if (compareMoney(amount, left) > 0) {
    failWith([{ path: 'amount', message: `More than the ${left} ${order.currency} not yet refunded` }]);
  }
  const refundedTotal = addMoney(order.refundedTotal, amount);
  const isFull = compareMoney(refundedTotal, order.total) === 0;
  // The last refund takes what is left of the base total, so a full refund nets to exactly zero.
  const baseAmount = isFull
    ? subtractMoney(order.baseTotal, order.baseRefundedTotal)
    : toBase(amount, order.exchangeRate);
  const refund = await trx
    .insertInto('refunds')
    .values({
      workspaceId: actor.workspaceId,
      id: newId(),
      orderId: order.id,
      amount: new Decimal(amount).toFixed(2),
      baseAmount,
      reason: input.reason || null,
      lines: JSON.stringify(lines),
      occurredAt: input.occurredAt ? new Date(input.occurredAt) : new Date(),
      createdBy: actorId(actor),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const updated = await trx
    .updateTable('orders')
    .set({
      refundedTotal,
      baseRefundedTotal: addMoney(order.baseRefundedTotal, baseAmount),
      status: effectiveStatus(order.status, refundedTotal, order.total),
      version: order.version + 1,
      updatedAt: new Date(),
      updatedBy: actorId(actor),
    })
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', order.id)
    .returning(ORDER_COLUMNS)
    .executeTakeFirstOrThrow();
  await refreshPurchaseStats(trx, actor.workspaceId, {
    personIds: [order.personId],
    companyIds: [order.companyId],
  });
  await recordAudit(trx, actor, {
    action: 'order.refund',
    recordType: 'order',
    recordId: order.id,
    before: { status: order.status, refundedTotal: order.refundedTotal },
    after: {
      status: updated.status,
      refundedTotal: updated.refundedTotal,
      refund: { id: refund.id, amount: refund.amount, reason: refund.reason, lines },
    },
  });
  return { refund: toRefund(refund), order: await loadOrder(trx, updated) };
}
