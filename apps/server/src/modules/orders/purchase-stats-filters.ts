import { ORDER_CHANNELS, type TFilterOp } from '@kap/shared';
import { type RawBuilder, sql } from 'kysely';
import type {
  TExtraFieldsProvider,
  TExtraFieldTarget,
  TFieldKind,
  TFilterField,
  TIndexedSortSource,
} from '../../lib/filters/index.ts';

/** A stat as a list field: the exact column, and the index copy compared and sorted (migration 0021). */
type TStatColumn = {
  kind: TFieldKind;
  column: string;
  /** The float8 copy of a numeric column (its comparisons are leakproof, numeric's are not). */
  indexColumn?: string;
  indexType: string;
  /** What a customer without a stats row reads (counts and revenue read 0). */
  absent?: RawBuilder<unknown>;
  options?: readonly string[];
  canSort?: boolean;
};

const STATS: Record<string, TStatColumn> = {
  orderCount: {
    kind: 'number',
    column: 'order_count',
    indexColumn: 'order_count_f8',
    indexType: 'float8',
    absent: sql`0`,
  },
  lifetimeRevenue: {
    kind: 'number',
    column: 'lifetime_revenue',
    indexColumn: 'lifetime_revenue_f8',
    indexType: 'float8',
    absent: sql`0`,
  },
  averageOrderValue: {
    kind: 'number',
    column: 'average_order_value',
    indexColumn: 'average_order_value_f8',
    indexType: 'float8',
  },
  firstPurchaseAt: { kind: 'datetime', column: 'first_purchase_at', indexType: 'timestamptz' },
  lastPurchaseAt: { kind: 'datetime', column: 'last_purchase_at', indexType: 'timestamptz' },
  favouriteChannel: {
    kind: 'select',
    column: 'favourite_channel',
    indexType: 'text',
    options: ORDER_CHANNELS,
  },
  favouriteCategories: {
    kind: 'textArray',
    column: 'favourite_categories',
    indexType: 'text[]',
    absent: sql`'{}'::text[]`,
    canSort: false,
  },
};

const signOf = (value: unknown): number =>
  Math.sign(
    typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN,
  );

/**
 * Whether 0 (what a customer without a stats row reads) satisfies `op value`: such a condition
 * cannot be a lookup among the stats rows, so it stays the per-record subquery. Unreadable values
 * say false, so the compiler reports them.
 */
export function isMetByZero(op: TFilterOp, value: unknown): boolean {
  const values = Array.isArray(value) ? value.map(signOf) : [signOf(value)];
  if (values.some(Number.isNaN)) return false;
  const [first = Number.NaN, second = Number.NaN] = values;
  switch (op) {
    case 'eq':
      return first === 0;
    case 'in':
      return values.includes(0);
    case 'gt':
      return first < 0;
    case 'gte':
      return first <= 0;
    case 'lt':
      return first > 0;
    case 'lte':
      return first >= 0;
    case 'between':
      return first <= 0 && second >= 0;
    default:
      return false;
  }
}

/**
 * Purchase stats as fields of the people and company lists (filter and sort). Shown values and
 * the per-record form (`expr`) read the exact columns through the unique (workspace, customer)
 * index. Selective filters compile to `id in (select customer from customer_purchase_stats where
 * workspace and <condition on an indexed column>)` (exact numeric recheck after the float8 index
 * condition) and sorts walk the (workspace, value, customer) indexes with keyset pages, customers
 * without a value last (lib/filters/indexed-sort.ts). Counts and revenue read 0 for customers
 * without a row, so `orderCount eq 0` still finds people who never bought (per record).
 */
export function purchaseStatsFields(target: TExtraFieldTarget): TExtraFieldsProvider {
  const customerColumn = target === 'person' ? 'person_id' : 'company_id';
  const customer = sql.ref(`s.${customerColumn}`);
  return ({ workspaceId, recordId }) => {
    const ofWorkspace = sql<boolean>`s.workspace_id = ${workspaceId}::uuid and ${customer} is not null`;
    const toField = (stat: TStatColumn): TFilterField => {
      const exact = sql.ref(`s.${stat.column}`);
      const indexed = stat.indexColumn ? sql.ref(`s.${stat.indexColumn}`) : exact;
      const value = sql`(select ${exact} from customer_purchase_stats s where s.workspace_id = ${workspaceId}::uuid and ${customer} = ${recordId})`;
      const hasValue = sql<boolean>`${indexed} is not null`;
      const sort: TIndexedSortSource = {
        values: sql<{
          cfRecordId: string;
          cfValue: unknown;
        }>`(select ${customer} as cf_record_id, ${indexed} as cf_value
          from customer_purchase_stats s where ${ofWorkspace} and ${hasValue})`.as('sort_values'),
        joinOn: sql<boolean>`sort_values.cf_record_id = ${recordId}`,
        hasValue: sql<boolean>`exists (select 1 from customer_purchase_stats s where ${ofWorkspace}
          and ${customer} = ${recordId} and ${hasValue})`,
        idColumn: recordId,
        sqlType: stat.indexType,
      };
      return {
        kind: stat.kind,
        expr: stat.absent ? sql`coalesce(${value}, ${stat.absent})` : value,
        options: stat.options,
        canSort: stat.canSort,
        indexed: {
          column: indexed,
          sqlType: stat.indexColumn ? stat.indexType : undefined,
          exact: stat.indexColumn ? exact : undefined,
          isUsableFor: stat.absent && stat.kind === 'number' ? (op, v) => !isMetByZero(op, v) : undefined,
          within: (condition) =>
            sql<boolean>`(${recordId} in (select ${customer} from customer_purchase_stats s
              where ${ofWorkspace} and ${condition}))`,
          sort: stat.canSort === false ? undefined : sort,
        },
      };
    };
    return Object.fromEntries(Object.entries(STATS).map(([name, stat]) => [name, toField(stat)]));
  };
}
