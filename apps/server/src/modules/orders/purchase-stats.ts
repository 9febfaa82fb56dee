import type { TPurchaseStats } from '@kap/shared';
import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { getBaseCurrency } from '../currencies/index.ts';
import { lockAdvisoryBuckets } from './advisory-locks.ts';

export type TCustomerKind = 'person' | 'company';
export type TCustomerRefs = { personIds: Iterable<string | null>; companyIds: Iterable<string | null> };

const columnOf = (kind: TCustomerKind) => sql.ref(kind === 'person' ? 'person_id' : 'company_id');

/**
 * Recomputes one customer's stats row and product set (`customer_products`) from their orders, in the caller's transaction. Counted orders are
 * those neither cancelled nor fully refunded; revenue is their base-currency total net of refunds.
 * A customer with no counted order has no row. A full recompute (not increments) keeps the row
 * exact whatever happened (a moved order, a changed rate); a customer's orders are few and indexed.
 */
async function recomputeOne(trx: TTrx, workspaceId: string, kind: TCustomerKind, id: string): Promise<void> {
  const column = columnOf(kind);
  const ws = sql`${workspaceId}::uuid`;
  await sql`delete from customer_purchase_stats where workspace_id = ${ws} and ${column} = ${id}::uuid`.execute(
    trx,
  );
  await sql`
    with counted as (
      select o.id, o.channel, o.occurred_at, o.base_total - o.base_refunded_total as net
        from orders o
       where o.workspace_id = ${ws} and o.${column} = ${id}::uuid
         and o.status not in ('cancelled', 'refunded')
    ), totals as (
      select count(*)::int as n, coalesce(sum(net), 0) as revenue, min(occurred_at) as first_at,
             max(occurred_at) as last_at
        from counted
    ), channel as (
      select channel from counted group by channel order by count(*) desc, max(occurred_at) desc, channel limit 1
    ), categories as (
      select coalesce(array_agg(category order by n desc, category), '{}') as list
        from (select l.category, count(distinct l.order_id) as n
                from order_lines l join counted c on c.id = l.order_id
               where l.workspace_id = ${ws} and l.category is not null
               group by l.category order by n desc, l.category limit 3) top
    )
    insert into customer_purchase_stats (workspace_id, ${column}, order_count, lifetime_revenue,
      average_order_value, first_purchase_at, last_purchase_at, favourite_channel, favourite_categories)
    select ${ws}, ${id}::uuid, t.n, t.revenue, round(t.revenue / t.n, 2), t.first_at, t.last_at,
           (select channel from channel), (select list from categories)
      from totals t
     where t.n > 0`.execute(trx);
  await sql`delete from customer_products where workspace_id = ${ws} and ${column} = ${id}::uuid`.execute(
    trx,
  );
  await sql`
    insert into customer_products (workspace_id, ${column}, product_id, order_count, last_purchased_at)
    select ${ws}, ${id}::uuid, l.product_id, count(distinct o.id)::int, max(o.occurred_at)
      from orders o join order_lines l on l.workspace_id = o.workspace_id and l.order_id = o.id
     where o.workspace_id = ${ws} and o.${column} = ${id}::uuid and o.status not in ('cancelled', 'refunded')
       and l.product_id is not null
     group by l.product_id`.execute(trx);
}

/**
 * After an order or refund write: every customer the write touched (before and after). One writer
 * per customer until commit: a concurrent write for the same customer waits, then (read committed)
 * sees this one's rows instead of inserting a second stats row.
 */
export async function refreshPurchaseStats(
  trx: TTrx,
  workspaceId: string,
  refs: TCustomerRefs,
): Promise<void> {
  const people = new Set([...refs.personIds].filter((id): id is string => Boolean(id)));
  const companies = new Set([...refs.companyIds].filter((id): id is string => Boolean(id)));
  const keys = [...[...people].map((id) => `person:${id}`), ...[...companies].map((id) => `company:${id}`)];
  if (keys.length === 0) return;
  await lockAdvisoryBuckets(trx, `purchase-stats:${workspaceId}`, keys);
  for (const id of [...people].sort()) await recomputeOne(trx, workspaceId, 'person', id);
  for (const id of [...companies].sort()) await recomputeOne(trx, workspaceId, 'company', id);
}

export async function readPurchaseStats(
  trx: TTrx,
  workspaceId: string,
  kind: TCustomerKind,
  id: string,
): Promise<TPurchaseStats> {
  const row = await trx
    .selectFrom('customerPurchaseStats')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where(kind === 'person' ? 'personId' : 'companyId', '=', id)
    .executeTakeFirst();
  const baseCurrency = await getBaseCurrency(trx, workspaceId);
  if (!row) {
    return {
      orderCount: 0,
      lifetimeRevenue: '0.00',
      averageOrderValue: '0.00',
      firstPurchaseAt: null,
      lastPurchaseAt: null,
      favouriteChannel: null,
      favouriteCategories: [],
      baseCurrency,
    };
  }
  return {
    orderCount: row.orderCount,
    lifetimeRevenue: row.lifetimeRevenue,
    averageOrderValue: row.averageOrderValue,
    firstPurchaseAt: row.firstPurchaseAt.toISOString(),
    lastPurchaseAt: row.lastPurchaseAt.toISOString(),
    favouriteChannel: row.favouriteChannel,
    favouriteCategories: row.favouriteCategories,
    baseCurrency,
  };
}
