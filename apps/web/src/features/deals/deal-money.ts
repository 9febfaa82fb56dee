/**
 * Exact money arithmetic in the browser, as the server does it with decimal.js: amounts are
 * decimal strings, held here as BigInt in fixed scales, never as floats. Rounding is half-up to
 * cents (all values are non-negative), like `toCents` in modules/deals/deals.view.ts.
 */

const DECIMAL = /^\d+(\.\d+)?$/;

/** "12.5" at scale 2 → 1250n; null when not a plain non-negative decimal or too many decimals. */
export function toScaled(text: string, scale: number): bigint | null {
  const value = text.trim();
  if (!DECIMAL.test(value)) return null;
  const [whole = '0', fraction = ''] = value.split('.');
  if (fraction.length > scale) return null;
  return BigInt(whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0') || '0');
}

/** 123456n cents → "1234.56". */
export function formatCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** n / d rounded half-up (n ≥ 0, d > 0). */
const divideHalfUp = (n: bigint, d: bigint): bigint => (n * 2n + d) / (2n * d);

/**
 * quantity × unit price × (1 − discount %), in cents; null while an input is not a valid number
 * (quantity up to 4 decimals, price 2, discount 2 — the API's limits).
 */
export function lineTotalCents(line: {
  quantity: string;
  unitPrice: string;
  discountPercent: string;
}): bigint | null {
  const quantity = toScaled(line.quantity, 4);
  const price = toScaled(line.unitPrice, 2);
  const discount = toScaled(line.discountPercent || '0', 2);
  if (quantity === null || price === null || discount === null || discount > 10_000n) return null;
  // quantity·10⁴ × price·10² × (10000 − discount·10²) = total·10¹⁰; cents = that / 10⁸.
  return divideHalfUp(quantity * price * (10_000n - discount), 100_000_000n);
}

/** Σ of the line totals in cents; null when any line is not valid yet. */
export function sumLineTotals(
  lines: readonly { quantity: string; unitPrice: string; discountPercent: string }[],
): bigint | null {
  let total = 0n;
  for (const line of lines) {
    const cents = lineTotalCents(line);
    if (cents === null) return null;
    total += cents;
  }
  return total;
}

/** a + sign × b of two decimal amounts ("1250.00"), as a 2-decimal string. */
export function addAmounts(a: string, b: string, sign: 1 | -1 = 1): string {
  return formatCents((toScaled(a, 2) ?? 0n) + BigInt(sign) * (toScaled(b, 2) ?? 0n));
}

/** amount × probability / 100, rounded to cents: a deal's weighted amount. */
export function weightedAmountOf(amount: string, probability: number): string {
  return formatCents(divideHalfUp((toScaled(amount, 2) ?? 0n) * BigInt(probability), 100n));
}
