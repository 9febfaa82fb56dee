// Browser test of the order editor: from a contact's purchases card, an order with two product
// lines is typed in (prices filled from the products, live totals computed like the server's, a
// server error shown at the field at fault), lands on its page and on the contact's page, then its
// status is changed in the editor. Documentation screenshots go to docs/screenshots/orders/ when
// KAP_DOC_SCREENSHOTS=1.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { eventually, get, pick, post, signUpWorkspace, TIMING } from '../customer360/c360-browser.ts';
import { useKapInBrowser } from '../kap-browser-harness.ts';

const kap = useKapInBrowser('orders-editor');
const DOC_SHOTS = resolve(import.meta.dirname, '../../docs/screenshots/orders');

async function docShot(page: Page, name: string): Promise<void> {
  await kap.shot(page, name);
  if (process.env.KAP_DOC_SCREENSHOTS !== '1') return;
  mkdirSync(DOC_SHOTS, { recursive: true });
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(DOC_SHOTS, `${name}.png`) });
}

/** Types into a line's product picker and chooses the product whose option starts with `name`. */
async function pickProduct(page: Page, line: Locator, search: string, name: string): Promise<void> {
  await line.getByTestId('line-product').fill(search);
  await page.getByRole('option', { name: new RegExp(`^${name} · `) }).click();
}

kap.browserTest(
  'an order typed in on a contact: two lines, live total, shown on the contact, status changed',
  TIMING,
  async (page) => {
    const base = kap.baseUrl();
    await signUpWorkspace(page, base, 'Tbilisi Outfitters');
    await post(page, base, '/api/v1/products', {
      sku: 'BT-01',
      name: 'Trail boots',
      category: 'Footwear',
      price: '129.90',
      currency: 'EUR',
    });
    await post(page, base, '/api/v1/products', {
      sku: 'SK-02',
      name: 'Wool socks',
      category: 'Footwear',
      price: '14.50',
      currency: 'EUR',
    });
    const person = await post(page, base, '/api/v1/people', { firstName: 'Nino', lastName: 'Beridze' });

    await page.goto(`${base}/contacts/${person.id}`);
    await page.getByTestId('purchases-empty').waitFor();
    await page.getByTestId('purchases-new-order').click();
    const editor = page.getByRole('dialog');
    await editor.getByTestId('order-editor-line').first().waitFor();
    await pick(page, editor.getByTestId('order-channel'), 'Store');
    await editor.getByTestId('order-location').fill('Tbilisi Mall');

    // Line 1: the boots at their price, 10.00 off, 20 % tax: 129.90 − 10.00 = 119.90 + 23.98 = 143.88.
    const first = editor.getByTestId('order-editor-line').nth(0);
    await pickProduct(page, first, 'boots', 'Trail boots');
    await eventually(() => first.getByTestId('line-unit-price').inputValue()).toBe('129.90');
    // A discount larger than the line: the server's error shows under the discount field.
    await first.getByTestId('line-discount').fill('200');
    await first.getByTestId('line-tax').fill('20');
    expect(await first.getByTestId('line-total').textContent()).toBe('—');
    await editor.getByTestId('order-editor-submit').click();
    await editor.getByText("More than the line's amount 129.90").waitFor();
    await first.getByTestId('line-discount').fill('10.00');
    await editor.getByText("More than the line's amount 129.90").waitFor({ state: 'detached' });
    await eventually(async () => (await first.getByTestId('line-total').textContent()) ?? '').toMatch(
      /143\.88/,
    );

    // Line 2: two pairs of socks, 20 % tax: 29.00 + 5.80 = 34.80. Order total 178.68.
    await editor.getByTestId('add-order-line').click();
    const second = editor.getByTestId('order-editor-line').nth(1);
    await pickProduct(page, second, 'socks', 'Wool socks');
    await second.getByTestId('line-quantity').fill('2');
    await second.getByTestId('line-tax').fill('20');
    await eventually(
      async () => (await editor.getByTestId('order-editor-total').textContent()) ?? '',
    ).toMatch(/178\.68/);
    expect(await editor.getByTestId('order-editor-totals').textContent()).toMatch(/158\.90.*10\.00.*29\.78/);
    await docShot(page, 'order-editor');

    await editor.getByTestId('order-editor-submit').click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    const orderId = page.url().split('/').pop() ?? '';
    await page.getByTestId('order-lines').waitFor();
    expect(await page.getByTestId('order-line').count()).toBe(2);
    expect(await page.getByTestId('order-total').textContent()).toMatch(/178\.68/);
    const saved = await get<{ total: string; personId: string; location: string; status: string }>(
      page,
      base,
      `/api/v1/orders/${orderId}`,
    );
    expect(saved).toMatchObject({
      total: '178.68',
      personId: person.id,
      location: 'Tbilisi Mall',
      status: 'placed',
    });

    // The contact's purchases card shows it.
    await page.getByTestId('order-person').click();
    await page.waitForURL(new RegExp(`/contacts/${person.id}$`));
    await eventually(() => page.getByTestId('recent-order').count()).toBe(1);
    expect(await page.getByTestId('recent-orders').textContent()).toMatch(/178\.68/);
    expect(await page.getByTestId('stat-order-count').textContent()).toBe('1');

    // Back on the order: its status changes in the editor.
    await page.getByTestId('recent-order').click();
    await page.waitForURL(new RegExp(`/orders/${orderId}$`));
    await page.getByTestId('edit-order-button').click();
    await pick(page, page.getByTestId('order-status-select'), 'Paid');
    await page.getByTestId('order-editor-submit').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await eventually(async () => (await page.getByTestId('order-status').first().textContent()) ?? '').toBe(
      'Paid',
    );
    expect(
      (await get<{ status: string; version: number }>(page, base, `/api/v1/orders/${orderId}`)).status,
    ).toBe('paid');
    await docShot(page, 'order-page-edited');
  },
);
