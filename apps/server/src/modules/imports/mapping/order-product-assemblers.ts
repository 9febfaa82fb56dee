import type { TExternalId, TOrderChannel } from '@kap/shared';
import type {
  TImportedOrderStatus,
  TOrderImportRecord,
  TProductImportRecord,
  TRowConversion,
} from './converter-types.ts';
import type { TDraft } from './record-assemblers.ts';

type TColumnOf = (key: string) => string | null;
type TMoney = { amount: string; currency: string | null };

const text = (draft: TDraft, key: string) => draft.fields[key] as string | undefined;
const reject = (reason: string, column: string | null) => ({ ok: false as const, reason, column });

/** Kap's SKUs have no spaces (ZCreateProductRequest): a file's "AB 12" is refused, not changed. */
const SKU = /^\S+$/;

/**
 * The currency of a row: the currency column, else the one written with the amounts ("12.50 EUR");
 * amounts in another currency than the column's are refused. `null`: none given (the import
 * falls back to the workspace's base currency).
 */
function currencyOf(
  draft: TDraft,
  columnOf: TColumnOf,
  moneyKeys: readonly string[],
): { ok: true; currency: string | undefined } | { ok: false; reason: string; column: string | null } {
  let currency = text(draft, 'currency');
  let from = 'currency';
  for (const key of moneyKeys) {
    const money = draft.fields[key] as TMoney | undefined;
    if (!money?.currency) continue;
    if (currency && money.currency !== currency) {
      const column = columnOf(key);
      return reject(`${column} is in ${money.currency} but ${columnOf(from)} says ${currency}`, column);
    }
    currency = money.currency;
    from = key;
  }
  return { ok: true, currency };
}

const amountOf = (draft: TDraft, key: string) => (draft.fields[key] as TMoney | undefined)?.amount;

export function assembleProduct(draft: TDraft, columnOf: TColumnOf): TRowConversion<TProductImportRecord> {
  const sku = text(draft, 'sku');
  const skuColumn = columnOf('sku');
  if (!sku) return reject(`${skuColumn} is empty; a product needs a SKU`, skuColumn);
  if (!SKU.test(sku)) return reject(`${skuColumn} "${sku}" has spaces; a SKU has none`, skuColumn);
  // Its length is checked by the name's parser, at the products schema's limit.
  const name = text(draft, 'name');
  const currency = currencyOf(draft, columnOf, ['price']);
  if (!currency.ok) return currency;
  const input: TProductImportRecord['input'] = { sku };
  if (name) input.name = name;
  const category = text(draft, 'category');
  if (category) input.category = category;
  const description = text(draft, 'description');
  if (description) input.description = description;
  const price = amountOf(draft, 'price');
  if (price !== undefined) input.price = price;
  if (currency.currency) input.currency = currency.currency;
  const isActive = draft.fields.isActive as boolean | undefined;
  if (isActive !== undefined) input.isActive = isActive;
  if (draft.custom) input.customFields = draft.custom;
  return { ok: true, record: { input } };
}

const QUANTITY = /^\d{1,12}(\.\d{1,4})?$/;
const TAX_RATE = /^\d{1,3}(\.\d{1,4})?$/;

export function assembleOrderLine(draft: TDraft, columnOf: TColumnOf): TRowConversion<TOrderImportRecord> {
  const orderId = text(draft, 'orderId');
  const idColumn = columnOf('orderId');
  if (!orderId) return reject(`${idColumn} is empty; each row needs the id of its order`, idColumn);
  const source = text(draft, 'orderSource');
  if (source !== undefined && !/^[A-Za-z0-9][\w.:-]*$/.test(source)) {
    const column = columnOf('orderSource');
    return reject(`${column} "${source}" is not a source name (letters, digits, "_", "-", ".", ":")`, column);
  }
  const quantity = text(draft, 'quantity') ?? '1';
  if (!QUANTITY.test(quantity) || !/[1-9]/.test(quantity)) {
    const column = columnOf('quantity');
    return reject(`${column} ${quantity} is not a positive quantity with at most 4 decimals`, column);
  }
  const taxRate = text(draft, 'taxRate');
  if (taxRate !== undefined && !TAX_RATE.test(taxRate)) {
    const column = columnOf('taxRate');
    return reject(`${column} ${taxRate} is not a tax rate in percent (0 to 999.9999)`, column);
  }
  if (taxRate !== undefined && draft.fields.tax !== undefined) {
    const column = columnOf('taxRate');
    return reject(`Give the line's tax or its tax rate, not both (${columnOf('tax')}, ${column})`, column);
  }
  const sku = text(draft, 'productSku') ?? null;
  const name = text(draft, 'productName') ?? null;
  if (!sku && !name) {
    const column = columnOf('productSku') ?? columnOf('productName');
    return reject(
      column ? `${column} is empty; a line needs a product SKU or name` : 'Map a product SKU or name column',
      column,
    );
  }
  const currency = currencyOf(draft, columnOf, ['unitPrice', 'discount', 'tax']);
  if (!currency.ok) return currency;
  const order: TOrderImportRecord['order'] = {};
  if (source) order.source = source;
  const channel = text(draft, 'channel') as TOrderChannel | undefined;
  if (channel) order.channel = channel;
  const location = text(draft, 'location');
  if (location) order.location = location;
  const occurredAt = text(draft, 'occurredAt');
  if (occurredAt) order.occurredAt = occurredAt;
  const status = text(draft, 'status') as TImportedOrderStatus | undefined;
  if (status) order.status = status;
  if (currency.currency) order.currency = currency.currency;
  const note = text(draft, 'note');
  if (note) order.note = note;
  const customer: TOrderImportRecord['customer'] = {};
  const email = text(draft, 'customerEmail');
  if (email) customer.email = email;
  const phone = text(draft, 'customerPhone');
  if (phone) customer.phone = phone;
  const externalId = draft.fields.customerExternalId as TExternalId | undefined;
  if (externalId) customer.externalId = externalId;
  const companyName = text(draft, 'companyName');
  if (companyName) customer.companyName = companyName;
  const line: TOrderImportRecord['line'] = { sku, name, quantity };
  const unitPrice = amountOf(draft, 'unitPrice');
  if (unitPrice !== undefined) line.unitPrice = unitPrice;
  const discount = amountOf(draft, 'discount');
  if (discount !== undefined) line.discount = discount;
  const tax = amountOf(draft, 'tax');
  if (tax !== undefined) line.tax = tax;
  if (taxRate !== undefined) line.taxRate = taxRate;
  return { ok: true, record: { orderId, order, customer, line } };
}
