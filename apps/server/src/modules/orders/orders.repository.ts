import type { TListOrdersQuery } from '@kap/shared';
import { type Selectable, sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { isUuid } from '../../lib/ids.ts';
import { decodeCursor, keysetAfter } from '../../lib/pagination.ts';
import { lockAdvisoryBuckets } from './advisory-locks.ts';
import type { TComputedLine } from './order-totals.ts';
import { isOrderVisible, type TOrderVisibility } from './order-visibility.ts';
import type { TOrderLinesTable, TOrdersTable, TRefundsTable } from './orders.table.ts';

export const ORDER_COLUMNS = [
  'workspaceId',
  'id',
  'source',
  'externalId',
  'channel',
  'location',
  'personId',
  'companyId',
  'occurredAt',
  'status',
  'currency',
  'subtotal',
  'discountTotal',
  'taxTotal',
  'total',
  'refundedTotal',
  'baseCurrency',
  'exchangeRate',
  'baseTotal',
  'baseRefundedTotal',
  'note',
  'version',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
] as const;

export type TOrderRow = Pick<Selectable<TOrdersTable>, (typeof ORDER_COLUMNS)[number]>;
export type TOrderLineRow = Selectable<TOrderLinesTable>;
export type TRefundRow = Selectable<TRefundsTable>;

const TIME_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export async function selectOrder(trx: TTrx, workspaceId: string, id: string, forUpdate = false) {
  if (!isUuid(id)) return undefined;
  let query = trx
    .selectFrom('orders')
    .select(ORDER_COLUMNS)
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/**
 * Serialises writes of one (source, external id) until commit: a shop retrying while its first
 * request is still running then finds the order instead of failing on the unique index.
 */
export async function lockExternalId(trx: TTrx, workspaceId: string, source: string, externalId: string) {
  await lockAdvisoryBuckets(trx, `order-external-id:${workspaceId}`, [`${source}:${externalId}`]);
}

export async function selectOrderByExternalId(
  trx: TTrx,
  workspaceId: string,
  source: string,
  externalId: string,
  forUpdate = false,
) {
  let query = trx
    .selectFrom('orders')
    .select(ORDER_COLUMNS)
    .where('workspaceId', '=', workspaceId)
    .where('source', '=', source)
    .where('externalId', '=', externalId);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function selectLines(trx: TTrx, workspaceId: string, orderId: string): Promise<TOrderLineRow[]> {
  return trx
    .selectFrom('orderLines')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('orderId', '=', orderId)
    .orderBy('lineNo')
    .execute();
}

export async function selectRefunds(trx: TTrx, workspaceId: string, orderId: string): Promise<TRefundRow[]> {
  return trx
    .selectFrom('refunds')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('orderId', '=', orderId)
    .orderBy('occurredAt')
    .orderBy('id')
    .execute();
}

export async function replaceLines(
  trx: TTrx,
  workspaceId: string,
  orderId: string,
  lines: readonly TComputedLine[],
): Promise<void> {
  await trx
    .deleteFrom('orderLines')
    .where('workspaceId', '=', workspaceId)
    .where('orderId', '=', orderId)
    .execute();
  if (lines.length === 0) return;
  await trx
    .insertInto('orderLines')
    .values(lines.map((line) => ({ ...line, workspaceId, orderId })))
    .execute();
}

/** Re-derives refunds' base amounts after the order's rate changed; a full refund equals the base total. */
export async function rebaseRefunds(trx: TTrx, workspaceId: string, orderId: string, rate: string) {
  await sql`
    update refunds set base_amount = round(amount * ${rate}::numeric, 2)
     where workspace_id = ${workspaceId}::uuid and order_id = ${orderId}::uuid`.execute(trx);
  const result = await sql<{ baseRefunded: string }>`
    select coalesce(sum(base_amount), 0)::numeric(18, 2)::text as "baseRefunded"
      from refunds where workspace_id = ${workspaceId}::uuid and order_id = ${orderId}::uuid`.execute(trx);
  return result.rows[0]?.baseRefunded ?? '0.00';
}

export async function selectOrdersPage(
  trx: TTrx,
  workspaceId: string,
  query: TListOrdersQuery,
  visibility: TOrderVisibility,
) {
  const isDescending = query.sort.startsWith('-');
  let select = trx
    .selectFrom('orders')
    .select(ORDER_COLUMNS)
    .select(sql<string>`to_char(orders.occurred_at at time zone 'UTC', ${TIME_FORMAT})`.as('sortValue'))
    .where('workspaceId', '=', workspaceId);
  if (visibility) select = select.where(isOrderVisible(visibility));
  if (query.personId) select = select.where('personId', '=', query.personId);
  if (query.companyId) select = select.where('companyId', '=', query.companyId);
  if (query.status) select = select.where('status', '=', query.status);
  if (query.channel) select = select.where('channel', '=', query.channel);
  if (query.source) select = select.where('source', '=', query.source);
  if (query.externalId) select = select.where('externalId', '=', query.externalId);
  if (query.from) select = select.where('occurredAt', '>=', new Date(query.from));
  if (query.to) select = select.where('occurredAt', '<', new Date(query.to));
  if (query.productId) {
    select = select.where(
      sql<boolean>`orders.id in (select l.order_id from order_lines l where l.workspace_id = ${workspaceId}::uuid and l.product_id = ${query.productId}::uuid)`,
    );
  }
  if (query.cursor) {
    const [at, id] = decodeCursor(
      query.cursor,
      2,
      ([a, i]) =>
        typeof a === 'string' &&
        CURSOR_TIME.test(a) &&
        !Number.isNaN(Date.parse(a)) &&
        typeof i === 'string' &&
        isUuid(i),
    );
    select = select.where(
      keysetAfter(sql`orders.occurred_at`, sql`orders.id`, at, 'timestamptz', id, isDescending),
    );
  }
  const direction = isDescending ? 'desc' : 'asc';
  return select
    .orderBy('occurredAt', direction)
    .orderBy('id', direction)
    .limit(query.limit + 1)
    .execute();
}

export async function hasAnyOrder(trx: TTrx, workspaceId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('orders')
    .select('id')
    .where('workspaceId', '=', workspaceId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
