import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { lockAdvisoryBuckets } from './advisory-locks.ts';
import type { TCustomerKind, TCustomerRefs } from './purchase-stats.ts';

/**
 * `refreshPurchaseStats` for thousands of customers at once (imports, their undo): the same
 * rules as `recomputeOne` in purchase-stats.ts — counted orders neither cancelled nor fully
 * refunded, revenue net of refunds, favourite channel by most orders (ties: most recent, then
 * name), top 3 categories by orders — written set-based, four statements per kind of customer
 * instead of four per customer. Same advisory-lock scope, so it serialises with single writes.
 */
export async function refreshPurchaseStatsBulk(
  trx: TTrx,
  workspaceId: string,
  refs: TCustomerRefs,
): Promise<void> {
  const people = [...new Set([...refs.personIds].filter((id): id is string => Boolean(id)))].sort();
  const companies = [...new Set([...refs.companyIds].filter((id): id is string => Boolean(id)))].sort();
  const keys = [...people.map((id) => `person:${id}`), ...companies.map((id) => `company:${id}`)];
  if (keys.length === 0) return;
  await lockAdvisoryBuckets(trx, `purchase-stats:${workspaceId}`, keys);
  if (people.length > 0) await recomputeMany(trx, workspaceId, 'person', people);
  if (companies.length > 0) await recomputeMany(trx, workspaceId, 'company', companies);
}

async function recomputeMany(
  trx: TTrx,
  workspaceId: string,
  kind: TCustomerKind,
  ids: readonly string[],
): Promise<void> {
  const column = sql.ref(kind === 'person' ? 'person_id' : 'company_id');
  const ws = sql`${workspaceId}::uuid`;
  const wanted = sql`${[...ids]}::uuid[]`;
  await sql`delete from customer_purchase_stats where workspace_id = ${ws} and ${column} = any(${wanted})`.execute(
    trx,
  );
  await sql`
    with counted as (
      select o.${column} as cid, o.id, o.channel, o.occurred_at, o.base_total - o.base_refunded_total as net
        from orders o
       where o.workspace_id = ${ws} and o.${column} = any(${wanted})
         and o.status not in ('cancelled', 'refunded')
    ), totals as (
      select cid, count(*)::int as n, sum(net) as revenue, min(occurred_at) as first_at, max(occurred_at) as last_at
        from counted group by cid
    ), channels as (
      select distinct on (cid) cid, channel
        from (select cid, channel, count(*) as n, max(occurred_at) as last_at from counted group by cid, channel) c
       order by cid, n desc, last_at desc, channel
    ), category_counts as (
      select c.cid, l.category, count(distinct l.order_id) as n
        from order_lines l join counted c on l.order_id = c.id
       where l.workspace_id = ${ws} and l.category is not null
       group by c.cid, l.category
    ), categories as (
      select cid, array_agg(category order by n desc, category) as list
        from (select cid, category, n, row_number() over (partition by cid order by n desc, category) as rank
                from category_counts) ranked
       where rank <= 3
       group by cid
    )
    insert into customer_purchase_stats (workspace_id, ${column}, order_count, lifetime_revenue,
      average_order_value, first_purchase_at, last_purchase_at, favourite_channel, favourite_categories)
    select ${ws}, t.cid, t.n, t.revenue, round(t.revenue / t.n, 2), t.first_at, t.last_at, ch.channel,
           coalesce(cat.list, '{}')
      from totals t
      left join channels ch on ch.cid = t.cid
      left join categories cat on cat.cid = t.cid`.execute(trx);
  await sql`delete from customer_products where workspace_id = ${ws} and ${column} = any(${wanted})`.execute(
    trx,
  );
  await sql`
    insert into customer_products (workspace_id, ${column}, product_id, order_count, last_purchased_at)
    select ${ws}, o.${column}, l.product_id, count(distinct o.id)::int, max(o.occurred_at)
      from orders o join order_lines l on l.workspace_id = o.workspace_id and l.order_id = o.id
     where o.workspace_id = ${ws} and o.${column} = any(${wanted}) and o.status not in ('cancelled', 'refunded')
       and l.product_id is not null
     group by o.${column}, l.product_id`.execute(trx);
}
