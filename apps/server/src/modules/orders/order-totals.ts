import {
  computeLineAmounts,
  ExactDecimal as Decimal,
  formatMoneyAmount,
  sumOrderAmounts,
  type TErrorDetail,
  type TLineAmounts,
  type TOrderAmounts,
  type TOrderLineInput,
} from '@kap/shared';
import { AppError } from '../../lib/errors.ts';

/**
 * Order arithmetic, exact: the line and order formulas live in `@kap/shared` (`order-amounts.ts`),
 * so that the web editor's live totals are the server's; this adds products, defaults and errors.
 */
const money = formatMoneyAmount;

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

export type TOrderTotals = TOrderAmounts;

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
  const amountsOfLines: TLineAmounts[] = [];
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
    const computed = computeLineAmounts({ ...input, unitPrice });
    if ('discountTooLarge' in computed) {
      details.push({ path: `${path}.discount`, message: `More than the line's amount ${computed.gross}` });
      return;
    }
    const { amounts } = computed;
    amountsOfLines.push(amounts);
    lines.push({
      lineNo: i + 1,
      productId: product?.id ?? null,
      description: input.description ?? product?.name ?? '',
      sku: product?.sku ?? null,
      category: product?.category ?? null,
      quantity: new Decimal(input.quantity).toFixed(4),
      unitPrice: money(new Decimal(unitPrice)),
      discount: amounts.discount,
      tax: amounts.tax,
      taxRate: input.taxRate === undefined ? null : new Decimal(input.taxRate).toFixed(4),
      lineTotal: amounts.lineTotal,
    });
  });
  if (details.length > 0) failWith(details);
  return { lines, totals: sumOrderAmounts(amountsOfLines) };
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
