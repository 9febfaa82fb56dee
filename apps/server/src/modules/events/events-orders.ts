import {
  canAccess,
  type TChannel,
  type TEventInput,
  type TOrderChannel,
  type TRejectedEvent,
  ZCreateOrderRequest,
} from '@kap/shared';
import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { DEFAULT_ORDER_SOURCE, upsertOrder } from '../orders/index.ts';

const ORDER_CHANNEL_OF: Record<TChannel, TOrderChannel> = {
  store: 'store',
  web: 'online',
  mobileApp: 'mobileApp',
  phone: 'phone',
  email: 'online',
  social: 'online',
  other: 'other',
};

export type TOrderEvent = { index: number; event: TEventInput; personId: string | null };

const isOrderEvent = (event: TEventInput) =>
  event.type === 'order_placed' && event.properties.order !== undefined;

/**
 * `order_placed` events carrying `properties.order` create or update that order through the orders
 * module (idempotent by source and external id, which default to "kap" and the event id), before
 * the events are stored. An order refused (bad lines, unknown product, a role without orders
 * write) rejects its event alone: each runs under a savepoint, so the batch goes on.
 * Answers the indexes of the refused events.
 */
export async function placeOrders(
  trx: TTrx,
  actor: TActor,
  events: readonly TOrderEvent[],
  rejected: TRejectedEvent[],
): Promise<Set<number>> {
  const refused = new Set<number>();
  const refuse = (index: number, path: string, message: string) => {
    rejected.push({ index, path: path ? `properties.order.${path}` : 'properties.order', message });
    refused.add(index);
  };
  for (const { index, event, personId } of events.filter((item) => isOrderEvent(item.event))) {
    if (!canAccess(actor.role, 'orders', 'write')) {
      refuse(index, '', 'This role cannot write orders');
      continue;
    }
    const given = event.properties.order;
    const parsed = ZCreateOrderRequest.safeParse({
      channel: ORDER_CHANNEL_OF[event.channel],
      occurredAt: event.occurredAt,
      personId,
      externalId: event.id,
      ...(given !== null && typeof given === 'object' ? given : {}),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) refuse(index, issue.path.map(String).join('.'), issue.message);
      continue;
    }
    const { source, externalId, ...order } = parsed.data;
    await sql`savepoint event_order`.execute(trx);
    try {
      await upsertOrder(trx, actor, {
        ...order,
        source: source ?? DEFAULT_ORDER_SOURCE,
        externalId: externalId ?? event.id,
      });
      await sql`release savepoint event_order`.execute(trx);
    } catch (error) {
      await sql`rollback to savepoint event_order`.execute(trx);
      if (!(error instanceof AppError) || error.code === 'INTERNAL') throw error;
      const detail = error.details?.[0];
      refuse(index, detail?.path ?? '', detail?.message ?? error.message);
    }
  }
  return refused;
}
