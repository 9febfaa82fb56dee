import type { TErrorDetail, TOrderLineInput } from '@kap/shared';
import Decimal from 'decimal.js';
import { AppError } from '../../lib/errors.ts';

/**
 * Order arithmetic, exact: decimal.js on the decimal strings of the wire, amounts rounded half up
 * to cents once per line, never a float. Per line: gross = quantity × unit price (rounded),
 * net = gross − discount, tax = the given amount or net × taxRate / 100 (rounded), total = net + tax.
 * The order: subtotal = Σ gross, discountTotal = Σ discount, taxTotal = Σ tax, total = Σ line totals.
 */
const cents = (value: Decimal) => value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
const money = (value: Decimal) => cents(value).toFixed(2);

export type TLineProduct = {
  id: string;
  name: string;
  sku: string;
  category: string | null;
  price: string;
  currency: string;
};

export type TComputedLine = {
  lineNo: number;
  productId: string | null;
  description: string;
  sku: string | null;
  category: string | null;
  quantity: string;
  unitPrice: string;
  discount: string;
  tax: string;
  taxRate: string | null;
  lineTotal: string;
};

export type TOrderTotals = { subtotal: string; discountTotal: string; taxTotal: string; total: string };

function failWith(details: TErrorDetail[]): never {
  const first = details[0];
  throw new AppError(
    'VALIDATION_FAILED',
    first ? `Invalid ${first.path}: ${first.message}` : 'Invalid order',
    details,
  );
}

/** Lines with their amounts; every problem at once, each at `lines.<i>.<field>`. */
export function computeLines(
  inputs: readonly TOrderLineInput[],
  currency: string,
  products: ReadonlyMap<string, TLineProduct>,
): { lines: TComputedLine[]; totals: TOrderTotals } {
  const details: TErrorDetail[] = [];
  const lines: TComputedLine[] = [];
  let subtotal = new Decimal(0);
  let discountTotal = new Decimal(0);
  let taxTotal = new Decimal(0);
  inputs.forEach((input, i) => {
    const path = `lines.${i}`;
    const product = input.productId ? products.get(input.productId.toLowerCase()) : undefined;
    if (input.productId && !product) {
      details.push({ path: `${path}.productId`, message: 'No such product in this workspace' });
      return;
    }
    let unitPrice = input.unitPrice;
    if (unitPrice === undefined) {
      if (product && product.currency === currency) unitPrice = product.price;
      else {
        details.push({
          path: `${path}.unitPrice`,
          message: product
            ? `Required: the product's price is in ${product.currency}, the order in ${currency}`
            : 'Required for a line without a product',
        });
        return;
      }
    }
    const gross = cents(new Decimal(input.quantity).times(unitPrice));
    const discount = new Decimal(input.discount ?? '0');
    if (discount.greaterThan(gross)) {
      details.push({ path: `${path}.discount`, message: `More than the line's amount ${gross.toFixed(2)}` });
      return;
    }
    const net = gross.minus(discount);
    const tax =
      input.tax !== undefined
        ? new Decimal(input.tax)
        : input.taxRate !== undefined
          ? cents(net.times(input.taxRate).dividedBy(100))
          : new Decimal(0);
    subtotal = subtotal.plus(gross);
    discountTotal = discountTotal.plus(discount);
    taxTotal = taxTotal.plus(tax);
    lines.push({
      lineNo: i + 1,
      productId: product?.id ?? null,
      description: input.description ?? product?.name ?? '',
      sku: product?.sku ?? null,
      category: product?.category ?? null,
      quantity: new Decimal(input.quantity).toFixed(4),
      unitPrice: money(new Decimal(unitPrice)),
      discount: money(discount),
      tax: money(tax),
      taxRate: input.taxRate === undefined ? null : new Decimal(input.taxRate).toFixed(4),
      lineTotal: money(net.plus(tax)),
    });
  });
  if (details.length > 0) failWith(details);
  return {
    lines,
    totals: {
      subtotal: money(subtotal),
      discountTotal: money(discountTotal),
      taxTotal: money(taxTotal),
      total: money(subtotal.minus(discountTotal).plus(taxTotal)),
    },
  };
}

/** An amount in the base currency: amount × rate, rounded half up to cents. */
export const toBase = (amount: string, rate: string): string => money(new Decimal(amount).times(rate));

export const addMoney = (a: string, b: string): string => money(new Decimal(a).plus(b));
export const subtractMoney = (a: string, b: string): string => money(new Decimal(a).minus(b));
export const compareMoney = (a: string, b: string): number => new Decimal(a).comparedTo(b);

/** The value of refunding `quantity` of a line: its total × quantity / line quantity, to cents. */
export function refundLineAmount(line: { quantity: string; lineTotal: string }, quantity: string): string {
  return money(new Decimal(line.lineTotal).times(quantity).dividedBy(line.quantity));
}
