import { toCentsDecimal as cents, ExactDecimal as Exact, type TExactDecimal } from './exact-decimal.ts';

/**
 * Deal arithmetic, exact, shared by the server (the authority: line totals, the deal amount, the
 * weighted amount) and the web (live totals in the line editor, the board's optimistic column
 * sums): decimal.js on the decimal strings of the wire, rounded half up to cents, never a float.
 */
export type TDealLineAmountInput = { quantity: string; unitPrice: string; discountPercent: string };

const lineTotalOf = (line: TDealLineAmountInput): TExactDecimal =>
  cents(
    new Exact(line.quantity)
      .times(line.unitPrice)
      .times(new Exact(100).minus(line.discountPercent || '0'))
      .dividedBy(100),
  );

/** quantity × unit price × (1 − discount %), half up to cents ("2700.27"). */
export const computeDealLineTotal = (line: TDealLineAmountInput): string => lineTotalOf(line).toFixed(2);

/** Σ of the lines' totals (each rounded first, as each line shows it): a deal's amount. */
export const sumDealLineTotals = (lines: readonly TDealLineAmountInput[]): string =>
  lines.reduce((sum, line) => sum.plus(lineTotalOf(line)), new Exact(0)).toFixed(2);

/** amount × probability / 100, half up to cents: a deal's weighted amount. */
export const computeWeightedAmount = (amount: string, probability: number): string =>
  cents(new Exact(amount).times(probability).dividedBy(100)).toFixed(2);

/** a + sign × b of two amounts, as a 2-decimal string (the board's column sums). */
export const addMoneyAmounts = (a: string, b: string, sign: 1 | -1 = 1): string =>
  cents(new Exact(a).plus(new Exact(b).times(sign))).toFixed(2);

const PLAIN_DECIMAL = /^\d+(\.\d+)?$/;

/** A plain non-negative decimal with at most `scale` decimals ("12.5"; not "1e3", "-1", ""). */
const isPlainDecimal = (text: string, scale: number): boolean =>
  PLAIN_DECIMAL.test(text) && (text.split('.')[1] ?? '').length <= scale;

/**
 * Whether a line as typed can be totalled yet: quantity with up to 4 decimals, unit price 2,
 * discount 2 and at most 100 (the API's limits; an empty discount is 0).
 */
export function isDealLineComputable(line: TDealLineAmountInput): boolean {
  const discount = (line.discountPercent || '0').trim();
  return (
    isPlainDecimal(line.quantity.trim(), 4) &&
    isPlainDecimal(line.unitPrice.trim(), 2) &&
    isPlainDecimal(discount, 2) &&
    new Exact(discount).lessThanOrEqualTo(100)
  );
}

const trimmed = (line: TDealLineAmountInput): TDealLineAmountInput => ({
  quantity: line.quantity.trim(),
  unitPrice: line.unitPrice.trim(),
  discountPercent: (line.discountPercent || '0').trim(),
});

/** A line's total as typed in a form, or null while one of its fields is not a number it takes. */
export const computeDraftDealLineTotal = (line: TDealLineAmountInput): string | null =>
  isDealLineComputable(line) ? computeDealLineTotal(trimmed(line)) : null;

/** The lines' total as typed in a form, or null while any line cannot be totalled yet. */
export const sumDraftDealLineTotals = (lines: readonly TDealLineAmountInput[]): string | null =>
  lines.every(isDealLineComputable) ? sumDealLineTotals(lines.map(trimmed)) : null;
