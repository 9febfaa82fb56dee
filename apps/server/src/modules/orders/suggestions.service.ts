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
 * `customer_products` (who bought what, kept with the stats), all index-only scans: the customer's
 * products, their other buyers ("peers"), the peers' products; the reasons ("pairs": per candidate
 * and shared product, the peers who bought both) only for the top candidates.
 */
export async function findSuggestions(
  trx: TTrx,
  workspaceId: string,
  kind: TCustomerKind,
  customerId: string,
  limit: number,
): Promise<TProductSuggestion[]> {
  const customer = sql.ref(kind === 'person' ? 'c.person_id' : 'c.company_id');
  const ws = sql`${workspaceId}::uuid`;
  const me = sql`${customerId}::uuid`;
  const result = await sql<TSuggestionRow>`
    with mine as (
      select c.product_id from customer_products c where c.workspace_id = ${ws} and ${customer} = ${me}
    ), peers as (
      select ${customer} as customer_id, c.product_id as shared_id
        from customer_products c
       where c.workspace_id = ${ws} and ${customer} is not null and ${customer} <> ${me}
         and c.product_id in (select product_id from mine)
    ), bought as (
      select ${customer} as customer_id, c.product_id as candidate_id
        from customer_products c
       where c.workspace_id = ${ws} and ${customer} is not null
         and ${customer} in (select customer_id from peers)
         and c.product_id not in (select product_id from mine)
    ), ranked as (
      select candidate_id, count(*)::int as co_count from bought group by candidate_id
    ), top as (
      select pr.id, pr.sku, pr.name, pr.category, pr.price, pr.currency, r.co_count
        from ranked r join products pr on pr.workspace_id = ${ws} and pr.id = r.candidate_id
       where pr.is_active
       order by r.co_count desc, pr.name, pr.id
       limit ${limit}
    ), pairs as (
      select b.candidate_id, p.shared_id, count(*)::int as n
        from bought b join peers p on p.customer_id = b.customer_id
       where b.candidate_id in (select id from top)
       group by b.candidate_id, p.shared_id
    )
    select t.id, t.sku, t.name, t.category, t.price::text as price, t.currency, t.co_count as "coPurchaseCount",
           (select coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'name', s.name, 'count', x.n)
                                      order by x.n desc, s.name), '[]'::jsonb)
              from (select shared_id, n from pairs where pairs.candidate_id = t.id
                     order by n desc limit 3) x
              join products s on s.workspace_id = ${ws} and s.id = x.shared_id) as because
      from top t
     order by t.co_count desc, t.name, t.id`.execute(trx);
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
