import { toCentsDecimal as cents, ExactDecimal, type TExactDecimal } from './exact-decimal.ts';

/**
 * Order arithmetic, exact, shared by the server (the authority) and the web editor (live totals):
 * decimal.js on the decimal strings of the wire, amounts rounded half up to cents once per line,
 * never a float. Per line: gross = quantity × unit price (rounded), net = gross − discount,
 * tax = the given amount or net × taxRate / 100 (rounded), total = net + tax. The order:
 * subtotal = Σ gross, discountTotal = Σ discount, taxTotal = Σ tax, total = Σ line totals.
 */
/** An amount as the wire writes it: rounded half up to cents, two decimals ("12.50"). */
export const formatMoneyAmount = (value: string | number | TExactDecimal): string =>
  cents(new ExactDecimal(value)).toFixed(2);

export type TLineAmountInput = {
  quantity: string | number;
  unitPrice: string;
  discount?: string | undefined;
  tax?: string | undefined;
  taxRate?: string | undefined;
};

export type TLineAmounts = { gross: string; discount: string; tax: string; lineTotal: string };

/** One line's amounts, or `discountTooLarge` (with the gross) when the discount exceeds the line. */
export function computeLineAmounts(
  line: TLineAmountInput,
): { amounts: TLineAmounts } | { discountTooLarge: true; gross: string } {
  const gross = cents(new ExactDecimal(line.quantity).times(line.unitPrice));
  const discount = new ExactDecimal(line.discount ?? '0');
  if (discount.greaterThan(gross)) return { discountTooLarge: true, gross: gross.toFixed(2) };
  const net = gross.minus(discount);
  const tax =
    line.tax !== undefined
      ? new ExactDecimal(line.tax)
      : line.taxRate !== undefined
        ? cents(net.times(line.taxRate).dividedBy(100))
        : new ExactDecimal(0);
  return {
    amounts: {
      gross: gross.toFixed(2),
      discount: formatMoneyAmount(discount),
      tax: formatMoneyAmount(tax),
      lineTotal: formatMoneyAmount(net.plus(tax)),
    },
  };
}

export type TOrderAmounts = { subtotal: string; discountTotal: string; taxTotal: string; total: string };

/** The order's totals from its lines' amounts. */
export function sumOrderAmounts(lines: readonly TLineAmounts[]): TOrderAmounts {
  let subtotal = new ExactDecimal(0);
  let discountTotal = new ExactDecimal(0);
  let taxTotal = new ExactDecimal(0);
  for (const line of lines) {
    subtotal = subtotal.plus(line.gross);
    discountTotal = discountTotal.plus(line.discount);
    taxTotal = taxTotal.plus(line.tax);
  }
  return {
    subtotal: formatMoneyAmount(subtotal),
    discountTotal: formatMoneyAmount(discountTotal),
    taxTotal: formatMoneyAmount(taxTotal),
    total: formatMoneyAmount(subtotal.minus(discountTotal).plus(taxTotal)),
  };
}
