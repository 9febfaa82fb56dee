import { describe, expect, it } from 'vitest';
import { lineAmountsOf, newLineDraft, orderAmountsOf, toLineInput } from './order-draft.ts';

const line = (patch: Partial<ReturnType<typeof newLineDraft>>) => ({ ...newLineDraft(), ...patch });

describe('order drafts', () => {
  it('computes live totals with the server formulas, exactly', () => {
    const lines = [
      line({ quantity: '3', unitPrice: '10.00', discount: '5.00', tax: '20' }),
      line({ quantity: '1.5', unitPrice: '3.33', tax: '7' }),
      line({ quantity: '1', unitPrice: '2.50', taxMode: 'amount', tax: '0.10' }),
    ];
    // The same lines as the server's own test: 30.00 − 5.00 + 5.00; 5.00 (half up) + 0.35; 2.50 + 0.10.
    expect(lines.map((l) => lineAmountsOf(l)?.lineTotal)).toEqual(['30.00', '5.35', '2.60']);
    expect(orderAmountsOf(lines)).toEqual({
      subtotal: '37.50',
      discountTotal: '5.00',
      taxTotal: '5.45',
      total: '37.95',
    });
  });

  it('has no total while a number is incomplete or the discount exceeds the line', () => {
    expect(lineAmountsOf(line({ unitPrice: '12.' }))).toBeNull();
    expect(lineAmountsOf(line({ unitPrice: '1.00', discount: '2.00' }))).toBeNull();
    expect(orderAmountsOf([line({ unitPrice: '1' }), line({ unitPrice: '' })])).toBeNull();
  });

  it('sends what was typed, leaving empty fields and the product name out', () => {
    expect(
      toLineInput(
        line({ productId: 'p1', productName: 'Boots', description: 'Boots', unitPrice: '9.90', tax: '20' }),
      ),
    ).toEqual({ productId: 'p1', quantity: '1', unitPrice: '9.90', taxRate: '20' });
    expect(
      toLineInput(line({ description: ' Wrap ', unitPrice: '2', taxMode: 'amount', tax: '0.1' })),
    ).toEqual({
      description: 'Wrap',
      quantity: '1',
      unitPrice: '2',
      tax: '0.1',
    });
  });
});
