import { ORDER_CHANNELS } from '@kap/shared';
import { type RawBuilder, sql } from 'kysely';
import type { TExtraFieldsProvider, TExtraFieldTarget, TFilterField } from '../../lib/filters/index.ts';

/**
 * Purchase stats as fields of the people and company lists (filter and sort): each a scalar
 * subquery on `customer_purchase_stats`' unique (workspace, customer) index, so a filter such as
 * `lifetimeRevenue gt 1000` costs one index probe per listed row while the list keeps walking its
 * own (workspace, sort) index. Counts and revenue read 0 for customers without a row, so
 * `orderCount eq 0` finds people who never bought.
 */
export function purchaseStatsFields(target: TExtraFieldTarget): TExtraFieldsProvider {
  const customer = sql.ref(target === 'person' ? 's.person_id' : 's.company_id');
  return ({ workspaceId, recordId }) => {
    const read = (column: string, orElse?: RawBuilder<unknown>) => {
      const value = sql`(select ${sql.ref(`s.${column}`)} from customer_purchase_stats s where s.workspace_id = ${workspaceId}::uuid and ${customer} = ${recordId})`;
      return orElse ? sql`coalesce(${value}, ${orElse})` : value;
    };
    const fields: Record<string, TFilterField> = {
      orderCount: { kind: 'number', expr: read('order_count', sql`0`) },
      lifetimeRevenue: { kind: 'number', expr: read('lifetime_revenue', sql`0`) },
      averageOrderValue: { kind: 'number', expr: read('average_order_value') },
      firstPurchaseAt: { kind: 'datetime', expr: read('first_purchase_at') },
      lastPurchaseAt: { kind: 'datetime', expr: read('last_purchase_at') },
      favouriteChannel: { kind: 'select', expr: read('favourite_channel'), options: ORDER_CHANNELS },
      favouriteCategories: { kind: 'textArray', expr: read('favourite_categories', sql`'{}'::text[]`) },
    };
    return fields;
  };
}
