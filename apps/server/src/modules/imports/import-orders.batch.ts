import { DEFAULT_IMPORT_ORDER_SOURCE, type TOrderLineInput } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { getBaseCurrency } from '../currencies/index.ts';
import { planOrderImport, type TImportedOrderInput, type TOrderImportDecision } from '../orders/index.ts';
import { selectLineProducts, type TLineProductRow } from '../products/index.ts';
import type { TBatchContext, TBatchPlan } from './import-batch.types.ts';
import { createBatchOutcomes } from './import-batch-outcomes.ts';
import { createCustomerResolver, insertNewCustomers, type TNewCustomer } from './import-order-customers.ts';
import { followGroup, MAX_ORDER_LINES } from './import-order-groups.ts';
import { insertUpdateImages } from './imports.repository.ts';
import type { TOrderImportRecord } from './mapping/index.ts';
import type { TSourceRow } from './reading/index.ts';

/** Where an order happened when the file has no channel column: shop exports are online orders. */
const DEFAULT_CHANNEL = 'online';

type TLine = {
  row: TSourceRow;
  record: TOrderImportRecord | null;
  failure: string | null;
  column: string | null;
};
type TGroup = { orderId: string; lines: TLine[]; isContinued: boolean };
type TOrderFields = TOrderImportRecord['order'] & TOrderImportRecord['customer'];

const FIELD_NAMES: Record<keyof TOrderFields, string> = {
  source: 'source',
  channel: 'channel',
  location: 'location',
  occurredAt: 'order date',
  status: 'status',
  currency: 'currency',
  note: 'note',
  email: 'customer email',
  phone: 'customer phone',
  externalId: 'customer external id',
  companyName: 'company name',
};

const asText = (value: unknown) =>
  typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);

/**
 * The order's fields from its rows: shop exports fill them on the first line only (Shopify) or on
 * every line (WooCommerce); a field whose rows disagree refuses the order.
 */
function mergeOrderFields(
  lines: readonly TLine[],
): { ok: true; fields: TOrderFields } | { ok: false; reason: string } {
  const fields: Record<string, unknown> = {};
  const rowOf: Record<string, number> = {};
  for (const { row, record } of lines) {
    if (!record) continue;
    for (const [key, value] of Object.entries({ ...record.order, ...record.customer })) {
      if (value === undefined) continue;
      const previous = fields[key];
      if (previous === undefined) {
        fields[key] = value;
        rowOf[key] = row.rowNumber + 1;
      } else if (asText(previous) !== asText(value)) {
        const name = FIELD_NAMES[key as keyof TOrderFields] ?? key;
        return {
          ok: false,
          reason: `The ${name} differs between the order's rows: ${asText(previous)} on row ${rowOf[key]}, ${asText(value)} on row ${row.rowNumber + 1}`,
        };
      }
    }
  }
  return { ok: true, fields: fields as TOrderFields };
}

type TComputedLine = Extract<TOrderImportDecision, { outcome: 'create' | 'update' }>['lines'][number];

const decimalText = (value: string) => (value.includes('.') ? value.replace(/\.?0+$/, '') : value);

/** What a preview shows of an order line, most telling first (the wizard shows the first six). */
function previewValues(
  input: TImportedOrderInput,
  total: string,
  line: TComputedLine,
  customer: string | null,
): Record<string, unknown> {
  const sku = line.sku ? ` (${line.sku})` : '';
  return {
    orderId: input.externalId,
    occurredAt: input.occurredAt,
    status: input.status,
    total: `${total} ${input.currency}`,
    line: `${decimalText(line.quantity)} × ${line.description}${sku} = ${line.lineTotal}`,
    customer,
    channel: input.channel,
    location: input.location,
    source: input.source,
    personId: input.personId,
    companyId: input.companyId,
  };
}

/** Splits a batch into orders; rows of an order that ended earlier in the file are refused. */
function groupRows(
  rows: readonly TSourceRow[],
  context: TBatchContext,
  reject: (row: TSourceRow, reason: string, column: string | null) => void,
) {
  const groups: TGroup[] = [];
  const firstRow = rows[0]?.rowNumber ?? 0;
  for (const row of rows) {
    const conversion = context.convert(row);
    const record = conversion.ok ? (conversion.record as TOrderImportRecord) : null;
    const line: TLine = {
      row,
      record,
      failure: conversion.ok ? null : conversion.reason,
      column: conversion.ok ? null : conversion.column,
    };
    const follow = context.grouping ? followGroup(context.grouping, row) : null;
    const orderId = record?.orderId ?? follow?.key ?? null;
    if (follow?.kind === 'apart') {
      reject(
        row,
        `Order ${follow.key} continues here, apart from its lines from row ${follow.firstRow + 1} on: put an order's lines on consecutive rows (sort the file by order id)`,
        null,
      );
      continue;
    }
    if (orderId === null) {
      reject(row, line.failure ?? 'The row has no order id', line.column);
      continue;
    }
    const current = groups.at(-1);
    if (current && current.orderId === orderId && follow?.kind !== 'new') current.lines.push(line);
    else groups.push({ orderId, lines: [line], isContinued: (follow?.firstRow ?? firstRow) < firstRow });
  }
  return groups;
}

/**
 * Plans a batch of order-line rows (the runner never cuts an order between batches): rows with
 * the same order id form one order; its customer (external id, email, phone or company name) and
 * its products (SKU, else name) are looked up once per batch, and the orders module plans the
 * create-or-replace by (source, order id). A bad row refuses its whole order — never half an
 * order — with the reason on that row and a pointer to it on the others. Refunded orders are
 * skipped; partially refunded ones come in as paid (refunds are not imported).
 */
export async function planOrdersBatch(
  trx: TTrx,
  rows: readonly TSourceRow[],
  context: TBatchContext,
): Promise<TBatchPlan> {
  const { counts, results, rejected, reject } = createBatchOutcomes();
  /** Refuses every row of an order: `reason` on `culprit` (or all rows), a pointer on the rest. */
  const rejectOrder = (
    group: TGroup,
    reason: string,
    culprit: TLine | null,
    column: string | null = null,
  ) => {
    for (const line of group.lines) {
      if (!culprit || line === culprit) reject(line.row, reason, culprit ? (line.column ?? column) : column);
      else
        reject(
          line.row,
          `Order ${group.orderId} is not imported: row ${culprit.row.rowNumber + 1} was rejected`,
          null,
        );
    }
  };

  const groups = groupRows(rows, context, reject);
  const candidates: { group: TGroup; fields: TOrderFields; records: TOrderImportRecord[] }[] = [];
  for (const group of groups) {
    const failed = group.lines.find((l) => l.failure !== null);
    if (failed) {
      rejectOrder(group, failed.failure ?? '', failed, failed.column);
      continue;
    }
    if (group.isContinued || group.lines.length > MAX_ORDER_LINES) {
      rejectOrder(group, `Order ${group.orderId} has more than ${MAX_ORDER_LINES} lines`, null);
      continue;
    }
    const merged = mergeOrderFields(group.lines);
    if (!merged.ok) {
      rejectOrder(group, `Order ${group.orderId}: ${merged.reason}`, null);
      continue;
    }
    if (!merged.fields.occurredAt) {
      rejectOrder(group, `Order ${group.orderId} has no order date`, null);
      continue;
    }
    if (merged.fields.status === 'refunded') {
      for (const line of group.lines) {
        counts.skipped++;
        results.push({
          row: line.row.rowNumber + 1,
          outcome: 'skip',
          values: null,
          matchedId: null,
          reason: `Order ${group.orderId} is refunded: refunded orders are not imported`,
          column: null,
        });
      }
      continue;
    }
    candidates.push({
      group,
      fields: merged.fields,
      records: group.lines.flatMap((l) => (l.record ? [l.record] : [])),
    });
  }

  const newCustomers = context.mapping?.options.createMissingCustomers
    ? new Map<string, TNewCustomer>()
    : null;
  const resolveCustomer = await createCustomerResolver(
    trx,
    context.actor,
    candidates.map((c) => c.fields),
    newCustomers,
  );
  const products = await selectLineProducts(
    trx,
    context.workspaceId,
    candidates.flatMap((c) => c.records.flatMap((r) => (r.line.sku ? [r.line.sku] : []))),
    candidates.flatMap((c) => c.records.flatMap((r) => (!r.line.sku && r.line.name ? [r.line.name] : []))),
  );
  const bySku = new Map(products.map((p) => [p.sku, p]));
  const byName = new Map<string, TLineProductRow | null>();
  for (const product of products) {
    const name = product.name.toLowerCase();
    // Two products of the same name: the line stays free text rather than guess.
    byName.set(name, byName.has(name) ? null : product);
  }
  const baseCurrency = candidates.some((c) => !c.fields.currency)
    ? await getBaseCurrency(trx, context.workspaceId)
    : 'EUR';
  const source = context.mapping?.options.externalIdSource ?? DEFAULT_IMPORT_ORDER_SOURCE;

  const planned: { group: TGroup; customer: string | null; input: TImportedOrderInput }[] = [];
  for (const { group, fields, records } of candidates) {
    const customer = resolveCustomer(fields);
    if (!customer.ok) {
      rejectOrder(group, `Order ${group.orderId}: ${customer.reason}`, null);
      continue;
    }
    const lines: TOrderLineInput[] = [];
    let unknown: { line: TLine; sku: string } | null = null;
    for (const [index, record] of records.entries()) {
      const { line } = record;
      const product = line.sku
        ? bySku.get(line.sku)
        : line.name
          ? byName.get(line.name.toLowerCase())
          : undefined;
      if (line.sku && !product) {
        unknown = { line: group.lines[index] as TLine, sku: line.sku };
        break;
      }
      lines.push({
        productId: product?.id ?? null,
        ...(line.name && { description: line.name.slice(0, 500) }),
        quantity: line.quantity,
        ...(line.unitPrice !== undefined && { unitPrice: line.unitPrice }),
        ...(line.discount !== undefined && { discount: line.discount }),
        ...(line.tax !== undefined && { tax: line.tax }),
        ...(line.taxRate !== undefined && { taxRate: line.taxRate }),
      });
    }
    if (unknown) {
      rejectOrder(
        group,
        `No product with the SKU "${unknown.sku}" (import the products first)`,
        unknown.line,
        context.mapping?.columns.find((c) => c.target === 'productSku')?.column ?? null,
      );
      continue;
    }
    const given = fields.status ?? 'placed';
    // Refunded orders were skipped above; refunds themselves are not imported.
    const status = given === 'partiallyRefunded' || given === 'refunded' ? 'paid' : given;
    planned.push({
      group,
      customer: fields.email ?? fields.phone ?? fields.externalId?.id ?? fields.companyName ?? null,
      input: {
        source: fields.source ?? source,
        externalId: group.orderId,
        channel: fields.channel ?? DEFAULT_CHANNEL,
        location: fields.location ?? null,
        personId: customer.personId,
        companyId: customer.companyId,
        occurredAt: fields.occurredAt as string,
        status,
        currency: fields.currency ?? baseCurrency,
        note: fields.note ?? null,
        lines,
      },
    });
  }

  const plan = await planOrderImport(
    trx,
    context.workspaceId,
    planned.map((p) => p.input),
    context.mode,
  );
  plan.decisions.forEach((decision, index) => {
    const entry = planned[index];
    if (!entry) return;
    const { group, input } = entry;
    if (decision.outcome === 'reject') {
      const lineIndex = /^lines\.(\d+)/.exec(decision.path ?? '')?.[1];
      const culprit = lineIndex === undefined ? null : (group.lines[Number(lineIndex)] ?? null);
      rejectOrder(group, `Order ${group.orderId}: ${decision.reason}`, culprit);
      return;
    }
    group.lines.forEach((line, lineNo) => {
      const keep = results.length < context.keepValues;
      const isSkip = decision.outcome === 'skip';
      counts[isSkip ? 'skipped' : decision.outcome === 'create' ? 'created' : 'updated']++;
      const computed = isSkip ? undefined : decision.lines[lineNo];
      results.push({
        row: line.row.rowNumber + 1,
        outcome: decision.outcome,
        values:
          keep && !isSkip && computed
            ? previewValues(input, decision.values.total, computed, entry.customer)
            : null,
        matchedId: decision.outcome === 'create' ? null : decision.orderId,
        reason: isSkip ? decision.reason : null,
        column: null,
      });
    });
  });

  const write = async (writeTrx: TTrx) => {
    if (newCustomers) {
      // Only the people of orders that are written: a rejected order creates nobody.
      const used = new Set(
        plan.decisions.flatMap((d, i) =>
          d.outcome === 'create' || d.outcome === 'update' ? [planned[i]?.input.personId] : [],
        ),
      );
      const wanted = new Map([...newCustomers].filter(([, c]) => used.has(c.id)));
      await insertNewCustomers(writeTrx, context.workspaceId, wanted, context.actor.userId, context.marker);
    }
    const images = await plan.write(writeTrx, context.marker);
    await insertUpdateImages(
      writeTrx,
      context.workspaceId,
      context.importId,
      images.map((i) => ({
        recordId: i.recordId,
        before: i.before as unknown as Record<string, unknown>,
        versionAfter: i.versionAfter,
      })),
    );
  };
  // Orders are decided in steps (conversion, customers, products, totals): back to file order.
  rejected.sort((a, b) => a.row - b.row);
  results.sort((a, b) => a.row - b.row);
  return { results, rejected, counts, write };
}
