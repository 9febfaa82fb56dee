import { describe, expect, it } from 'vitest';
import {
  addAmounts,
  formatCents,
  lineTotalCents,
  sumLineTotals,
  toScaled,
  weightedAmountOf,
} from './deal-money.ts';

describe('deal money (exact, as the server computes it)', () => {
  it('parses decimals into fixed scales and refuses what the API refuses', () => {
    expect(toScaled('12.5', 2)).toBe(1250n);
    expect(toScaled('0.0001', 4)).toBe(1n);
    expect(toScaled('7', 4)).toBe(70000n);
    expect(toScaled('1.234', 2)).toBeNull();
    expect(toScaled('-1', 2)).toBeNull();
    expect(toScaled('1e3', 2)).toBeNull();
    expect(toScaled('', 2)).toBeNull();
  });

  it('computes line totals half-up to cents without floats', () => {
    // 3 × 1000.10 × 0.9 = 2700.27 (the server's round-trip test)
    expect(lineTotalCents({ quantity: '3', unitPrice: '1000.10', discountPercent: '10' })).toBe(270027n);
    // 0.1 + 0.2 style traps: 3 × 0.10 = 0.30 exactly
    expect(lineTotalCents({ quantity: '3', unitPrice: '0.10', discountPercent: '0' })).toBe(30n);
    // 1 × 0.05 × 0.5 = 0.025 → 0.03 (half-up)
    expect(lineTotalCents({ quantity: '1', unitPrice: '0.05', discountPercent: '50' })).toBe(3n);
    // 2.5 × 19.99 × (1 − 12.5 %) = 43.728125 → 43.73
    expect(lineTotalCents({ quantity: '2.5', unitPrice: '19.99', discountPercent: '12.5' })).toBe(4373n);
    expect(lineTotalCents({ quantity: '1', unitPrice: '10', discountPercent: '100' })).toBe(0n);
    expect(lineTotalCents({ quantity: '1', unitPrice: '10', discountPercent: '101' })).toBeNull();
    // past float precision: 9,999,999,999,999.9999 × 999,999,999,999,999.99
    expect(
      formatCents(
        lineTotalCents({
          quantity: '9999999999999.9999',
          unitPrice: '999999999999999.99',
          discountPercent: '0',
        }) ?? 0n,
      ),
    ).toBe('9999999999999999800000000000.00');
  });

  it('sums lines, adds amounts and weights them', () => {
    expect(
      sumLineTotals([
        { quantity: '3', unitPrice: '1000.10', discountPercent: '10' },
        { quantity: '1', unitPrice: '0.05', discountPercent: '0' },
      ]),
    ).toBe(270032n);
    expect(sumLineTotals([{ quantity: 'x', unitPrice: '1', discountPercent: '0' }])).toBeNull();
    expect(addAmounts('0.10', '0.20')).toBe('0.30');
    expect(addAmounts('100.00', '0.01', -1)).toBe('99.99');
    expect(weightedAmountOf('2700.32', 10)).toBe('270.03');
    expect(weightedAmountOf('0.05', 50)).toBe('0.03');
  });
});
