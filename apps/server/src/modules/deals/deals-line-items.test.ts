import type { TDeal } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';
import { dealsKit } from './deals-test-kit.ts';

// What the deal page's product lines editor relies on: a PATCH of `lineItems` alone replaces the
// lines and makes their total the amount, checked with the deal's version; errors name the line
// and field.
const { app } = await createTestApp();
const kit = dealsKit(app);
let owner: TSession;

beforeAll(async () => {
  owner = await signUp(app, 'Deal lines');
});

const patchLines = (deal: TDeal, version: number, lineItems: object[]) =>
  kit.call(owner, 'PATCH', `/api/v1/deals/${deal.id}`, { lineItems }, { 'if-match': `"${version}"` });

describe('editing line items', () => {
  it('replaces the lines, snapshots the product, recomputes the amount; stale and bad input are refused', async () => {
    const product = await kit.call(owner, 'POST', '/api/v1/products', {
      sku: 'LIC-1',
      name: 'Licence',
      price: '19.99',
      currency: 'EUR',
    });
    expect(product.statusCode, product.body).toBe(201);
    const deal = await kit.createDeal(owner, { name: 'Lines', currency: 'EUR', amount: '5.00' });

    const saved = await patchLines(deal, deal.version, [
      { productId: product.json().id, quantity: '2.5', discountPercent: '12.5' },
      { name: 'Setup', quantity: '1', unitPrice: '0.05', discountPercent: '50' },
    ]);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      version: deal.version + 1,
      // 2.5 × 19.99 × 0.875 = 43.728125 → 43.73; 0.05 × 0.5 = 0.025 → 0.03 (half-up)
      amount: '43.76',
      lineItems: [
        { productId: product.json().id, name: 'Licence', unitPrice: '19.99', total: '43.73' },
        { productId: null, name: 'Setup', quantity: '1', unitPrice: '0.05', total: '0.03' },
      ],
    });

    // Someone else's edit came first: the old version is refused, nothing changes.
    errorOf(await patchLines(deal, deal.version, [{ name: 'Late', unitPrice: '1' }]), 412);

    const bad = await patchLines(deal, deal.version + 1, [
      { name: 'Fine', unitPrice: '1' },
      { name: 'Bad', quantity: '0', unitPrice: '1.005', discountPercent: '120' },
    ]);
    expect(
      errorOf(bad, 400)
        .details?.map((d) => d.path)
        .sort(),
    ).toEqual(['lineItems.1.discountPercent', 'lineItems.1.quantity', 'lineItems.1.unitPrice']);

    const reread = await kit.call(owner, 'GET', `/api/v1/deals/${deal.id}`);
    expect(reread.json()).toMatchObject({ version: deal.version + 1, amount: '43.76' });
    expect(reread.json().lineItems).toHaveLength(2);
  });
});
