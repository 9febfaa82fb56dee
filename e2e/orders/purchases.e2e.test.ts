// Browser test of purchases: a contact's page shows their purchase stats, recent orders and suggested
// products (hand-checked co-purchase ranking); the orders list filters; an order's page shows lines and
// totals and takes a refund; the products page creates a product. Data is seeded through the API.
// Documentation screenshots go to docs/screenshots/orders/ when KAP_DOC_SCREENSHOTS=1.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { eventually, get, pick, post, rowIds, signUpWorkspace, TIMING } from '../customer360/c360-browser.ts';
import { useKapInBrowser } from '../kap-browser-harness.ts';

const kap = useKapInBrowser('orders');
const DOC_SHOTS = resolve(import.meta.dirname, '../../docs/screenshots/orders');

async function docShot(page: Page, name: string): Promise<void> {
  await kap.shot(page, name);
  if (process.env.KAP_DOC_SCREENSHOTS !== '1') return;
  mkdirSync(DOC_SHOTS, { recursive: true });
  await page.screenshot({ path: join(DOC_SHOTS, `${name}.png`) });
}

type TSeed = { me: string; orderId: string; lampId: string };

async function seed(page: Page): Promise<TSeed> {
  const base = kap.baseUrl();
  await signUpWorkspace(page, base, 'Yerevan Outdoor');
  const rates = await page.request.put(`${base}/api/v1/exchange-rates`, {
    data: { rates: [{ currency: 'USD', date: '2025-01-01', rate: '0.92' }] },
  });
  expect(rates.status(), await rates.text()).toBe(200);
  const product = (sku: string, name: string, category: string, price: string) =>
    post(page, base, '/api/v1/products', { sku, name, category, price, currency: 'EUR' });
  const boots = await product('BT-01', 'Trail boots', 'Footwear', '129.90');
  const socks = await product('SK-02', 'Wool socks', 'Footwear', '14.50');
  const tent = await product('TN-03', 'Two-person tent', 'Camping', '249.00');
  const lamp = await product('LM-04', 'Head lamp', 'Camping', '39.90');
  const bottle = await product('BO-05', 'Steel bottle', 'Accessories', '22.00');
  const person = (firstName: string, lastName: string) =>
    post(page, base, '/api/v1/people', { firstName, lastName });
  const me = await person('Ani', 'Sargsyan');
  const others = await Promise.all([
    person('Davit', 'Grigoryan'),
    person('Lilit', 'Petrosyan'),
    person('Aram', 'Hakobyan'),
  ]);
  const order = (personId: string, lines: object[], extra: object = {}) =>
    post<{ id: string }>(page, base, '/api/v1/orders', {
      channel: 'store',
      location: 'Yerevan Mall',
      occurredAt: '2025-03-14T11:20:00Z',
      currency: 'EUR',
      personId,
      lines,
      ...extra,
    });
  const mine = await order(
    me.id,
    [
      { productId: boots.id, quantity: '1', discount: '10.00', taxRate: '20' },
      { productId: socks.id, quantity: '2', taxRate: '20' },
      { description: 'Gift wrap', quantity: '1', unitPrice: '3.00' },
    ],
    { source: 'pos', externalId: 'YM-1042', status: 'paid' },
  );
  await order(me.id, [{ productId: socks.id, quantity: '1', unitPrice: '16.00' }], {
    channel: 'online',
    currency: 'USD',
    occurredAt: '2025-05-02T09:00:00Z',
    source: 'shop',
    externalId: 'W-5531',
  });
  // Co-purchases: tent by Davit and Lilit (both bought boots), lamp by Lilit and Aram (socks), bottle by Aram.
  const [davit, lilit, aram] = others;
  if (!davit || !lilit || !aram) throw new Error('seed');
  await order(davit.id, [
    { productId: boots.id, quantity: '1' },
    { productId: tent.id, quantity: '1' },
  ]);
  await order(lilit.id, [
    { productId: boots.id, quantity: '1' },
    { productId: tent.id, quantity: '1' },
    { productId: lamp.id, quantity: '1' },
  ]);
  await order(aram.id, [
    { productId: socks.id, quantity: '1' },
    { productId: lamp.id, quantity: '1' },
    { productId: bottle.id, quantity: '1' },
  ]);
  return { me: me.id, orderId: mine.id, lampId: lamp.id };
}

kap.browserTest(
  'the person page shows purchases and suggestions; orders list, order page with a refund; products',
  TIMING,
  async (page) => {
    const base = kap.baseUrl();
    const { me, orderId, lampId } = await seed(page);
    const stats = await get<{ lifetimeRevenue: string; orderCount: number }>(
      page,
      base,
      `/api/v1/people/${me}/purchase-stats`,
    );
    // 1 × 129.90 − 10.00 = 119.90 + 20 % = 143.88; 2 × 14.50 = 29.00 + 20 % = 34.80; + 3.00 → 181.68;
    // 16.00 USD × 0.92 = 14.72 EUR → 196.40 over 2 orders.
    expect(stats).toMatchObject({ lifetimeRevenue: '196.40', orderCount: 2 });

    await page.goto(`${base}/contacts/${me}`);
    const card = page.getByTestId('purchases-card');
    await card.waitFor();
    await eventually(async () => (await page.getByTestId('stat-order-count').textContent()) ?? '').toBe('2');
    expect(await page.getByTestId('stat-lifetime-revenue').textContent()).toMatch(/196\.40/);
    expect(await page.getByTestId('stat-aov').textContent()).toMatch(/98\.20/);
    expect(await page.getByTestId('stat-categories').textContent()).toContain('Footwear');
    expect(await page.getByTestId('recent-order').count()).toBe(2);
    const suggestions = page.getByTestId('suggestion');
    await suggestions.first().waitFor();
    // Tent: Davit and Lilit (2); lamp: Lilit and Aram (2); bottle: Aram (1). Ties by name.
    const names = await suggestions.locator('a').allTextContents();
    expect(names).toEqual(['Head lamp', 'Two-person tent', 'Steel bottle']);
    expect(await page.getByTestId('suggestion-count').allTextContents()).toEqual([
      '2 buyers',
      '2 buyers',
      '1 buyer',
    ]);
    await card.scrollIntoViewIfNeeded();
    await docShot(page, 'customer-purchases');

    // "Create deal" makes a deal with the product as its line item and the contact attached.
    await suggestions.first().getByTestId('create-deal').click();
    await page.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
    const dealId = page.url().split('/').pop() ?? '';
    const deal = await get<{ name: string; personIds: string[]; lineItems: { productId: string | null }[] }>(
      page,
      base,
      `/api/v1/deals/${dealId}`,
    );
    expect(deal).toMatchObject({
      name: 'Head lamp for Ani Sargsyan',
      personIds: [me],
      lineItems: [{ productId: lampId }],
    });

    await page.goto(`${base}/orders`);
    await page.getByTestId('orders-table').waitFor();
    expect(await page.getByTestId('order-row').count()).toBe(5);
    await page.getByTestId('order-row').filter({ hasText: 'Ani Sargsyan' }).first().waitFor();
    await page.getByTestId('orders-channel-filter').click();
    await page.getByRole('option', { name: 'Online', exact: true }).click();
    await eventually(() => page.getByTestId('order-row').count()).toBe(1);
    await page.getByTestId('orders-channel-filter').click();
    await page.getByRole('option', { name: 'Online', exact: true }).click();
    await eventually(() => page.getByTestId('order-row').count()).toBe(5);
    await docShot(page, 'orders-list');

    await page.goto(`${base}/orders/${orderId}`);
    await page.getByTestId('order-lines').waitFor();
    expect(await page.getByTestId('order-line').count()).toBe(3);
    expect(await page.getByTestId('order-total').textContent()).toMatch(/181\.68/);
    await page.getByTestId('refund-button').click();
    await page.getByTestId('refund-amount').fill('20.00');
    await page.getByLabel('Reason').fill('Socks too small');
    await page.getByTestId('refund-submit').click();
    await page.getByTestId('refund-row').waitFor();
    await eventually(async () => (await page.getByTestId('order-status').first().textContent()) ?? '').toBe(
      'Partially refunded',
    );
    await docShot(page, 'order-detail');
    const after = await get<{ lifetimeRevenue: string }>(page, base, `/api/v1/people/${me}/purchase-stats`);
    expect(after.lifetimeRevenue).toBe('176.40');

    await page.goto(`${base}/products`);
    await page.getByTestId('products-table').waitFor();
    await page.getByTestId('create-product-button').click();
    await page.getByTestId('product-sku').fill('MAP-06');
    await page.getByTestId('product-name').fill('Hiking map of Dilijan');
    await page.getByTestId('product-price').fill('12.5');
    await page.getByTestId('product-submit').click();
    await page.getByTestId('product-row').filter({ hasText: 'Hiking map of Dilijan' }).waitFor();
    expect(await page.getByTestId('product-row').count()).toBe(6);
    await docShot(page, 'products');

    // Purchase stats are filter fields of the contact list: Ani's favourite channel is online (one
    // order each in store and online; the most recent wins), everyone else bought in store.
    await page.goto(`${base}/contacts`);
    await eventually(() => rowIds(page, 'people-row', 'data-person-id').then((r) => r.length)).toBe(4);
    await page.getByTestId('filter-button').click();
    await page.getByTestId('filter-add').click();
    const condition = page.getByTestId('filter-condition').first();
    await pick(page, condition.getByTestId('filter-field'), 'Favourite channel');
    await pick(page, condition.getByTestId('filter-value'), 'Online');
    await eventually(() => rowIds(page, 'people-row', 'data-person-id')).toEqual([me]);
    await kap.shot(page, 'contacts-filtered-by-purchases');
  },
);
