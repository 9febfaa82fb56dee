import type { ExpressionBuilder } from 'kysely';
import type { TDatabase } from '../../db/database.ts';
import type { TTrx } from '../../db/tenant.ts';
import { type TActor, visibleOwnerIdsOf } from '../../lib/actor.ts';
import { findVisibleCompanyIds, selectVisibleCompanyIdsQuery } from '../companies/index.ts';
import { findVisiblePersonIds, selectVisiblePersonIdsQuery } from '../people/index.ts';

/**
 * Orders have no owner of their own: they follow their customer. A role that sees only its own
 * or its team's records sees an order when it may see the order's person or its company; an order
 * with neither is seen only by roles that see every record.
 */
export type TOrderVisibility = {
  personIds: NonNullable<ReturnType<typeof selectVisiblePersonIdsQuery>>;
  companyIds: NonNullable<ReturnType<typeof selectVisibleCompanyIdsQuery>>;
} | null;

/** The actor's visibility as subqueries of the customers it sees (null: every order). */
export function orderVisibilityOf(trx: TTrx, actor: TActor): TOrderVisibility {
  const personIds = selectVisiblePersonIdsQuery(trx, actor);
  const companyIds = selectVisibleCompanyIdsQuery(trx, actor);
  return personIds && companyIds ? { personIds, companyIds } : null;
}

/** A `where` condition on `orders` keeping the orders of the customers the actor sees. */
export const isOrderVisible =
  (visibility: NonNullable<TOrderVisibility>) => (eb: ExpressionBuilder<TDatabase, 'orders'>) =>
    eb.or([
      eb('orders.personId', 'in', visibility.personIds),
      eb('orders.companyId', 'in', visibility.companyIds),
    ]);

/** Whether one order (its customers) is visible to the actor. */
export async function canSeeOrder(
  trx: TTrx,
  actor: TActor,
  order: { personId: string | null; companyId: string | null },
): Promise<boolean> {
  if (visibleOwnerIdsOf(actor) === null) return true;
  if (order.personId && (await findVisiblePersonIds(trx, actor, [order.personId])).has(order.personId))
    return true;
  return (
    order.companyId !== null &&
    (await findVisibleCompanyIds(trx, actor, [order.companyId])).has(order.companyId)
  );
}
