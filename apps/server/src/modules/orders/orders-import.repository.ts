import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { selectRowsCreatedByMarkerChangedSince, setRowsUpdatedBy } from '../../lib/import-markers.ts';
import type { TComputedLine } from './order-totals.ts';
import { ORDER_COLUMNS, type TOrderLineRow, type TOrderRow } from './orders.repository.ts';

/**
 * Bulk reads and writes of orders for imports (and their undo): a batch of thousands of orders
 * is a handful of statements (`json_to_recordset` → insert/update … select), never one per order.
 */

/** The columns an import writes, as the orders table stores them. */
export type TOrderValues = {
  id: string;
  source: string;
  externalId: string;
  channel: string;
  location: string | null;
  personId: string | null;
  companyId: string | null;
  occurredAt: string;
  status: string;
  currency: string;
  subtotal: string;
  discountTotal: string;
  taxTotal: string;
  total: string;
  baseCurrency: string;
  exchangeRate: string;
  baseTotal: string;
  note: string | null;
};

const RECORD_COLUMNS =
  'id uuid, source text, external_id text, channel text, location text, person_id uuid, company_id uuid, occurred_at timestamptz, status text, currency text, subtotal numeric, discount_total numeric, tax_total numeric, total numeric, base_currency text, exchange_rate numeric, base_total numeric, note text';

const toRecord = (o: TOrderValues) => ({
  id: o.id,
  source: o.source,
  external_id: o.externalId,
  channel: o.channel,
  location: o.location,
  person_id: o.personId,
  company_id: o.companyId,
  occurred_at: o.occurredAt,
  status: o.status,
  currency: o.currency,
  subtotal: o.subtotal,
  discount_total: o.discountTotal,
  tax_total: o.taxTotal,
  total: o.total,
  base_currency: o.baseCurrency,
  exchange_rate: o.exchangeRate,
  base_total: o.baseTotal,
  note: o.note,
});

/** Orders by (source, external id), one statement. */
export async function selectOrdersByExternalIds(
  trx: TTrx,
  workspaceId: string,
  keys: readonly { source: string; externalId: string }[],
): Promise<TOrderRow[]> {
  if (keys.length === 0) return [];
  return trx
    .selectFrom('orders')
    .select(ORDER_COLUMNS)
    .where('workspaceId', '=', workspaceId)
    .where(
      sql<boolean>`(source, external_id) in (select * from unnest(${keys.map((k) => k.source)}::text[], ${keys.map((k) => k.externalId)}::text[]))`,
    )
    .execute();
}

export async function selectOrdersByIds(
  trx: TTrx,
  workspaceId: string,
  ids: readonly string[],
): Promise<TOrderRow[]> {
  if (ids.length === 0) return [];
  return trx
    .selectFrom('orders')
    .select(ORDER_COLUMNS)
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', sql<string>`any(${[...ids]}::uuid[])`)
    .execute();
}

/** The lines of many orders, by order id, in line order. */
export async function selectLinesOfOrders(
  trx: TTrx,
  workspaceId: string,
  orderIds: readonly string[],
): Promise<Map<string, TOrderLineRow[]>> {
  const byOrder = new Map<string, TOrderLineRow[]>();
  if (orderIds.length === 0) return byOrder;
  const rows = await trx
    .selectFrom('orderLines')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('orderId', '=', sql<string>`any(${[...orderIds]}::uuid[])`)
    .orderBy('orderId')
    .orderBy('lineNo')
    .execute();
  for (const row of rows) {
    const list = byOrder.get(row.orderId) ?? [];
    list.push(row);
    byOrder.set(row.orderId, list);
  }
  return byOrder;
}

export async function insertOrderRows(
  trx: TTrx,
  workspaceId: string,
  orders: readonly TOrderValues[],
  by: string,
): Promise<void> {
  if (orders.length === 0) return;
  await sql`
    insert into orders (workspace_id, id, source, external_id, channel, location, person_id, company_id, occurred_at,
                        status, currency, subtotal, discount_total, tax_total, total, base_currency, exchange_rate,
                        base_total, note, created_by, updated_by)
    select ${workspaceId}, x.id, x.source, x.external_id, x.channel, x.location, x.person_id, x.company_id, x.occurred_at,
           x.status, x.currency, x.subtotal, x.discount_total, x.tax_total, x.total, x.base_currency, x.exchange_rate,
           x.base_total, x.note, ${by}, ${by}
      from json_to_recordset(${JSON.stringify(orders.map(toRecord))}::json) as x(${sql.raw(RECORD_COLUMNS)})`.execute(
    trx,
  );
}

/** Rewrites orders that have no refunds (their refunded totals stay 0); returns the new versions. */
export async function updateOrderRows(
  trx: TTrx,
  workspaceId: string,
  orders: readonly TOrderValues[],
  by: string,
): Promise<Map<string, number>> {
  if (orders.length === 0) return new Map();
  const result = await sql<{ id: string; version: number }>`
    update orders o
       set source = x.source, external_id = x.external_id, channel = x.channel, location = x.location,
           person_id = x.person_id, company_id = x.company_id, occurred_at = x.occurred_at, status = x.status,
           currency = x.currency, subtotal = x.subtotal, discount_total = x.discount_total, tax_total = x.tax_total,
           total = x.total, base_currency = x.base_currency, exchange_rate = x.exchange_rate, base_total = x.base_total,
           note = x.note, version = o.version + 1, updated_at = now(), updated_by = ${by}
      from json_to_recordset(${JSON.stringify(orders.map(toRecord))}::json) as x(${sql.raw(RECORD_COLUMNS)})
     where o.workspace_id = ${workspaceId} and o.id = x.id
    returning o.id, o.version`.execute(trx);
  return new Map(result.rows.map((row) => [row.id, row.version]));
}

/**
 * Writes the lines of these orders: one delete (of the lines of `existingIds`, orders that had
 * lines before), one insert.
 */
export async function replaceLinesOfOrders(
  trx: TTrx,
  workspaceId: string,
  linesByOrder: ReadonlyMap<string, readonly TComputedLine[]>,
  existingIds: readonly string[] = [...linesByOrder.keys()],
): Promise<void> {
  if (linesByOrder.size === 0) return;
  if (existingIds.length > 0) {
    await sql`delete from order_lines where workspace_id = ${workspaceId} and order_id = any(${[...existingIds]}::uuid[])`.execute(
      trx,
    );
  }
  const records = [...linesByOrder].flatMap(([orderId, lines]) =>
    lines.map((l) => ({
      order_id: orderId,
      line_no: l.lineNo,
      product_id: l.productId,
      description: l.description,
      sku: l.sku,
      category: l.category,
      quantity: l.quantity,
      unit_price: l.unitPrice,
      discount: l.discount,
      tax: l.tax,
      tax_rate: l.taxRate,
      line_total: l.lineTotal,
    })),
  );
  if (records.length === 0) return;
  await sql`
    insert into order_lines (workspace_id, order_id, line_no, product_id, description, sku, category, quantity,
                             unit_price, discount, tax, tax_rate, line_total)
    select ${workspaceId}, x.order_id, x.line_no, x.product_id, x.description, x.sku, x.category, x.quantity,
           x.unit_price, x.discount, x.tax, x.tax_rate, x.line_total
      from json_to_recordset(${JSON.stringify(records)}::json)
        as x(order_id uuid, line_no integer, product_id uuid, description text, sku text, category text,
             quantity numeric, unit_price numeric, discount numeric, tax numeric, tax_rate numeric, line_total numeric)`.execute(
    trx,
  );
}

export async function setOrdersUpdatedBy(
  trx: TTrx,
  workspaceId: string,
  rows: readonly { id: string; updatedBy: string | null }[],
): Promise<void> {
  await setRowsUpdatedBy(trx, 'orders', workspaceId, rows);
}

/** Orders an import created that changed since (edited, refunded): undo refuses to delete them. */
export async function selectImportedOrdersChangedSince(
  trx: TTrx,
  workspaceId: string,
  marker: string,
  limit: number,
): Promise<string[]> {
  return selectRowsCreatedByMarkerChangedSince(trx, 'orders', workspaceId, marker, limit);
}

/** Deletes the orders an import created (lines and refunds cascade); returns their customers. */
export async function deleteOrdersCreatedBy(
  trx: TTrx,
  workspaceId: string,
  marker: string,
): Promise<{ personId: string | null; companyId: string | null }[]> {
  const result = await sql<{ personId: string | null; companyId: string | null }>`
    delete from orders where workspace_id = ${workspaceId} and created_by = ${marker}
    returning person_id, company_id`.execute(trx);
  return result.rows;
}
