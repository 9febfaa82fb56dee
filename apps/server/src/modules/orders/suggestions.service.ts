import type { TProductSuggestion } from '@kap/shared';
import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import type { TCustomerKind } from './purchase-stats.ts';

type TSuggestionRow = {
  id: string;
  sku: string;
  name: string;
  category: string | null;
  price: string;
  currency: string;
  coPurchaseCount: number;
  because: { id: string; name: string; count: number }[];
};

/**
 * Products the customer has not bought that other customers of the same kind who bought any of
 * the same products did, ranked by how many such customers bought each (then by name). Cancelled
 * and fully refunded orders do not count; inactive products are not suggested. One statement over
 * order lines, driven by the (workspace, product, order) index: "peers" are the customers with a
 * line of one of this customer's products, "pairs" counts, per candidate and shared product, the
 * peers who bought both (the reason).
 */
export async function findSuggestions(
  trx: TTrx,
  workspaceId: string,
  kind: TCustomerKind,
  customerId: string,
  limit: number,
): Promise<TProductSuggestion[]> {
  const column = sql.ref(kind === 'person' ? 'person_id' : 'company_id');
  const ws = sql`${workspaceId}::uuid`;
  const counted = sql`o.status not in ('cancelled', 'refunded')`;
  const result = await sql<TSuggestionRow>`
    with mine as (
      select distinct l.product_id
        from orders o join order_lines l on l.workspace_id = o.workspace_id and l.order_id = o.id
       where o.workspace_id = ${ws} and o.${column} = ${customerId}::uuid and ${counted}
         and l.product_id is not null
    ), peers as (
      select distinct o.${column} as customer_id, l.product_id as shared_id
        from order_lines l join orders o on o.workspace_id = l.workspace_id and o.id = l.order_id
       where l.workspace_id = ${ws} and l.product_id in (select product_id from mine)
         and o.${column} is not null and o.${column} <> ${customerId}::uuid and ${counted}
    ), bought as (
      select distinct o.${column} as customer_id, l.product_id as candidate_id
        from orders o join order_lines l on l.workspace_id = o.workspace_id and l.order_id = o.id
       where o.workspace_id = ${ws} and o.${column} in (select customer_id from peers) and ${counted}
         and l.product_id is not null and l.product_id not in (select product_id from mine)
    ), ranked as (
      select b.candidate_id, count(*)::int as co_count
        from bought b group by b.candidate_id
    ), pairs as (
      select b.candidate_id, p.shared_id, count(*)::int as n
        from bought b join peers p on p.customer_id = b.customer_id
       group by b.candidate_id, p.shared_id
    )
    select pr.id, pr.sku, pr.name, pr.category, pr.price::text as price, pr.currency,
           r.co_count as "coPurchaseCount",
           (select coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'name', s.name, 'count', x.n)
                                      order by x.n desc, s.name), '[]'::jsonb)
              from (select shared_id, n from pairs where pairs.candidate_id = r.candidate_id
                     order by n desc limit 3) x
              join products s on s.workspace_id = ${ws} and s.id = x.shared_id) as because
      from ranked r
      join products pr on pr.workspace_id = ${ws} and pr.id = r.candidate_id
     where pr.is_active
     order by r.co_count desc, pr.name, pr.id
     limit ${limit}`.execute(trx);
  return result.rows.map((row) => ({
    product: {
      id: row.id,
      sku: row.sku,
      name: row.name,
      category: row.category,
      price: row.price,
      currency: row.currency,
    },
    coPurchaseCount: row.coPurchaseCount,
    becauseOf: row.because,
    reason: `${row.coPurchaseCount} other ${kind === 'person' ? 'customer' : 'company'}${row.coPurchaseCount === 1 ? '' : 's'} who bought ${row.because.map((b) => b.name).join(', ')} also bought it`,
  }));
}
