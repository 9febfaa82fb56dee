import type { TTrx } from '../../db/tenant.ts';
import { newId } from '../../lib/ids.ts';
import { getBaseCurrency } from '../currencies/index.ts';
import {
  insertImportedProducts,
  selectProductsBySkus,
  type TImportedProduct,
  updateImportedProducts,
} from '../products/index.ts';
import { isBlank, type TBatchContext, type TBatchPlan, type TRowResult } from './import-batch.types.ts';
import { createBatchOutcomes, updateRecordsWithImages } from './import-batch-outcomes.ts';
import type { TProductImportRecord } from './mapping/index.ts';
import type { TSourceRow } from './reading/index.ts';
import { stableStringify } from './stable-stringify.ts';

type TProductInput = TProductImportRecord['input'];
const TEXTS = ['name', 'category', 'description'] as const;

/**
 * The product after a matching row: `fillEmpty` sets only what is empty on it (category,
 * description, custom fields: name, price and the active flag are never empty), `overwrite`
 * what the row has. A price without a currency keeps the product's currency.
 */
export function mergeProduct(
  current: TImportedProduct,
  input: TProductInput,
  mode: 'fillEmpty' | 'overwrite',
): TImportedProduct {
  const next: TImportedProduct = { ...current };
  for (const key of TEXTS) {
    const value = input[key];
    if (value && (mode === 'overwrite' || isBlank(current[key]))) next[key] = value;
  }
  if (mode === 'overwrite') {
    if (input.price !== undefined) next.price = input.price;
    if (input.currency !== undefined) next.currency = input.currency;
    if (input.isActive !== undefined) next.isActive = input.isActive;
  }
  const fields = { ...current.customFields };
  for (const [key, value] of Object.entries(input.customFields ?? {})) {
    if (isBlank(value)) continue;
    if (mode === 'overwrite' || isBlank(fields[key])) fields[key] = value;
  }
  next.customFields = fields;
  return next;
}

/** Numeric text as PostgreSQL prints numeric(18, 2), so a re-import compares equal. */
const toCents = (amount: string) => {
  const [whole = '0', fraction = ''] = amount.split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
};

const storedValues = ({ id: _id, ...values }: TImportedProduct) => values as Record<string, unknown>;

type TPending = {
  product: TImportedProduct;
  isNew: boolean;
  before: TImportedProduct | null;
  isChanged: boolean;
};

/**
 * Plans a batch of product rows: one read of the products their SKUs name, then per row create,
 * merge (fill-empty or overwrite), skip or reject. Products are always matched on SKU (unique in
 * a workspace); rows of the batch with the same SKU land on one product, as if the earlier had
 * been stored. A new product needs a name and a price; without a currency it takes the base one.
 */
export async function planProductsBatch(
  trx: TTrx,
  rows: readonly TSourceRow[],
  context: TBatchContext,
): Promise<TBatchPlan> {
  const { counts, results, rejected, reject } = createBatchOutcomes();
  const result = (row: TSourceRow, outcome: TRowResult['outcome'], extra: Partial<TRowResult> = {}) =>
    results.push({
      row: row.rowNumber + 1,
      outcome,
      values: null,
      matchedId: null,
      reason: null,
      column: null,
      ...extra,
    });
  const converted: { row: TSourceRow; input: TProductInput }[] = [];
  for (const row of rows) {
    const conversion = context.convert(row);
    if (conversion.ok) converted.push({ row, input: (conversion.record as TProductImportRecord).input });
    else reject(row, conversion.reason, conversion.column);
  }
  const found = await selectProductsBySkus(
    trx,
    context.workspaceId,
    converted.map((c) => c.input.sku),
  );
  // Who last changed each product: undo restores it with the values (see restoreImportedProducts).
  const lastUpdatedBy = new Map(found.map((p) => [p.id, p.updatedBy]));
  const stored = new Map(found.map(({ version: _v, updatedBy: _u, ...product }) => [product.sku, product]));
  const baseCurrency = converted.some((c) => !c.input.currency && !stored.has(c.input.sku))
    ? await getBaseCurrency(trx, context.workspaceId)
    : null;
  const pending = new Map<string, TPending>();

  for (const { row, input } of converted) {
    const keep = results.length < context.keepValues;
    let entry = pending.get(input.sku);
    const existing = entry?.product ?? stored.get(input.sku);
    if (!existing) {
      if (!input.name || input.price === undefined) {
        const missing = !input.name ? 'name' : 'price';
        reject(row, `Product ${input.sku} is new and the row has no ${missing}`, null);
        continue;
      }
      const product: TImportedProduct = {
        id: newId(),
        sku: input.sku,
        name: input.name,
        category: input.category ?? null,
        description: input.description ?? null,
        price: toCents(input.price),
        currency: input.currency ?? baseCurrency ?? 'EUR',
        isActive: input.isActive ?? true,
        customFields: Object.fromEntries(
          Object.entries(input.customFields ?? {}).filter(([, value]) => !isBlank(value)),
        ),
      };
      pending.set(input.sku, { product, isNew: true, before: null, isChanged: true });
      counts.created++;
      result(row, 'create', { values: keep ? storedValues(product) : null });
      continue;
    }
    if (context.mode === 'skip') {
      counts.skipped++;
      result(row, 'skip', { matchedId: existing.id });
      continue;
    }
    if (!entry) {
      entry = { product: existing, isNew: false, before: existing, isChanged: false };
      pending.set(input.sku, entry);
    }
    const price = input.price === undefined ? undefined : toCents(input.price);
    const merged = mergeProduct(entry.product, { ...input, ...(price && { price }) }, context.mode);
    if (stableStringify(merged) === stableStringify(entry.product)) {
      counts.skipped++;
      result(row, 'skip', { matchedId: existing.id });
      continue;
    }
    entry.product = merged;
    entry.isChanged = true;
    counts.updated++;
    result(row, 'update', { matchedId: existing.id, values: keep ? storedValues(merged) : null });
  }

  const write = async (writeTrx: TTrx) => {
    const entries = [...pending.values()].filter((e) => e.isChanged);
    await insertImportedProducts(
      writeTrx,
      context.workspaceId,
      entries.filter((e) => e.isNew).map((e) => e.product),
      context.marker,
    );
    const updates = entries.filter((e) => !e.isNew);
    await updateRecordsWithImages(
      writeTrx,
      context,
      updates.map((e) => ({
        record: e.product,
        before: e.before && { ...storedValues(e.before), updatedBy: lastUpdatedBy.get(e.product.id) ?? null },
      })),
      updateImportedProducts,
    );
  };
  return { results, rejected, counts, write };
}
