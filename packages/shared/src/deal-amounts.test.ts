import { describe, expect, it } from 'vitest';
import {
  addMoneyAmounts,
  computeDealLineTotal,
  computeDraftDealLineTotal,
  computeWeightedAmount,
  isDealLineComputable,
  sumDealLineTotals,
  sumDraftDealLineTotals,
} from './deal-amounts.ts';

const line = (quantity: string, unitPrice: string, discountPercent = '0') => ({
  quantity,
  unitPrice,
  discountPercent,
});

describe('deal amounts (exact; the server and the web compute them with these functions)', () => {
  it('takes as typed only the plain decimals the API takes', () => {
    expect(computeDraftDealLineTotal(line('1', '12.5'))).toBe('12.50');
    expect(computeDraftDealLineTotal(line('0.0001', '100'))).toBe('0.01');
    expect(computeDraftDealLineTotal(line('7', '1'))).toBe('7.00');
    expect(computeDraftDealLineTotal(line(' 2 ', ' 1.50 ', ' 10 '))).toBe('2.70');
    expect(computeDraftDealLineTotal(line('1', '10', ''))).toBe('10.00');
    expect(computeDraftDealLineTotal(line('1', '1.234'))).toBeNull();
    expect(computeDraftDealLineTotal(line('0.00001', '1'))).toBeNull();
    expect(computeDraftDealLineTotal(line('1', '1', '0.001'))).toBeNull();
    expect(computeDraftDealLineTotal(line('-1', '1'))).toBeNull();
    expect(computeDraftDealLineTotal(line('1', '-1'))).toBeNull();
    expect(computeDraftDealLineTotal(line('1e3', '1'))).toBeNull();
    expect(computeDraftDealLineTotal(line('1', '1e3'))).toBeNull();
    expect(computeDraftDealLineTotal(line('', '1'))).toBeNull();
    expect(computeDraftDealLineTotal(line('1', ''))).toBeNull();
    expect(computeDraftDealLineTotal(line('1', '1', ' '))).toBeNull();
    expect(isDealLineComputable(line('x', '1'))).toBe(false);
  });

  it('computes line totals half up to cents without floats', () => {
    // 3 × 1000.10 × 0.9 = 2700.27 (the server's round-trip test)
    expect(computeDraftDealLineTotal(line('3', '1000.10', '10'))).toBe('2700.27');
    // 0.1 + 0.2 style traps: 3 × 0.10 = 0.30 exactly
    expect(computeDraftDealLineTotal(line('3', '0.10', '0'))).toBe('0.30');
    // 1 × 0.05 × 0.5 = 0.025 → 0.03 (half up)
    expect(computeDraftDealLineTotal(line('1', '0.05', '50'))).toBe('0.03');
    // 2.5 × 19.99 × (1 − 12.5 %) = 43.728125 → 43.73
    expect(computeDraftDealLineTotal(line('2.5', '19.99', '12.5'))).toBe('43.73');
    expect(computeDraftDealLineTotal(line('1', '10', '100'))).toBe('0.00');
    expect(computeDraftDealLineTotal(line('1', '10', '101'))).toBeNull();
    // past float precision: 9,999,999,999,999.9999 × 999,999,999,999,999.99
    expect(computeDraftDealLineTotal(line('9999999999999.9999', '999999999999999.99', '0'))).toBe(
      '9999999999999999800000000000.00',
    );
  });

  it('rounds only once, to cents (no intermediate rounding at 20 significant digits)', () => {
    // Exactly 104044784780737.9649961571: decimal.js at its default precision made it .97.
    expect(computeDealLineTotal(line('3225.3521', '38898380380.07', '17.07'))).toBe('104044784780737.96');
  });

  it('reads lines as the database returns them', () => {
    expect(computeDealLineTotal(line('3.0000', '1000.10', '10.00'))).toBe('2700.27');
    expect(computeDealLineTotal(line('2.5000', '19.99', '12.50'))).toBe('43.73');
  });

  it('sums lines, adds amounts and weights them', () => {
    const lines = [line('3', '1000.10', '10'), line('1', '0.05', '0')];
    expect(sumDraftDealLineTotals(lines)).toBe('2700.32');
    expect(sumDealLineTotals(lines)).toBe('2700.32');
    // The browser test's deal: €43.73 + €0.30 = €44.03
    expect(sumDraftDealLineTotals([line('2.5', '19.99', '12.5'), line('3', '0.10', '0')])).toBe('44.03');
    // Each line is rounded before the sum: 0.025 + 0.025 → 0.03 + 0.03
    expect(sumDealLineTotals([line('1', '0.05', '50'), line('1', '0.05', '50')])).toBe('0.06');
    expect(sumDraftDealLineTotals([line('x', '1', '0')])).toBeNull();
    expect(sumDraftDealLineTotals([])).toBe('0.00');
    expect(addMoneyAmounts('0.10', '0.20')).toBe('0.30');
    expect(addMoneyAmounts('100.00', '0.01', -1)).toBe('99.99');
    expect(computeWeightedAmount('2700.32', 10)).toBe('270.03');
    expect(computeWeightedAmount('0.05', 50)).toBe('0.03');
    expect(computeWeightedAmount('1000.00', 50)).toBe('500.00');
  });
});
