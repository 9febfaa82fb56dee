// The import wizard with orders: the source of the orders is always shown (the server's default,
// "import", until changed) and "Create unknown customers" turns an email Kap does not have into a
// new person instead of rejecting the order. Screenshot: docs/screenshots/import/10-orders-options.png.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { docShot, eventually, openPage, post, signUpWorkspace, TIMING } from '../exports/browser-steps.ts';
import { useKapInBrowser } from '../kap-browser-harness.ts';

const kap = useKapInBrowser('imports-orders-customers');

function writeOrdersCsv(): string {
  const lines = [
    'Name,Email,Financial Status,Created at,Lineitem quantity,Lineitem sku',
    '#2001,nino.new@example.ge,paid,2025-04-01 10:15:00 +0100,2,TEA-1',
  ];
  const path = join(tmpdir(), `kap-orders-new-customer-${Date.now()}.csv`);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

const count = (page: Page, name: string) =>
  page.getByTestId(`import-count-${name}`).locator('[data-value]').getAttribute('data-value');

async function getJson<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(url);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as T;
}

describe('the import wizard: orders options', () => {
  kap.browserTest('names the orders source and creates an unknown customer', TIMING, async (page) => {
    const baseUrl = kap.baseUrl();
    await signUpWorkspace(page, baseUrl, 'Orders customers import browser');
    await post(page, baseUrl, '/api/v1/products', {
      sku: 'TEA-1',
      name: 'Tea',
      price: '6.00',
      currency: 'EUR',
    });
    await openPage(page, `${baseUrl}/imports/new`);
    await page.getByTestId('import-object-type').getByText('Orders').click();
    await page.getByTestId('import-file-input').setInputFiles(writeOrdersCsv());
    await page.getByTestId('import-detected').waitFor();
    await page.getByTestId('import-next').click();

    const rows = page.getByTestId('import-mapping-row');
    await eventually(() => rows.count()).toBe(6);
    // No customer external id column, and still the orders' source is there, as the server defaults it.
    const source = page.getByTestId('import-external-id-source');
    expect(await source.inputValue()).toBe('import');
    await source.fill('shopify');
    const createCustomers = page.getByTestId('import-create-missing-customers');
    expect(await createCustomers.isChecked()).toBe(false);
    await createCustomers.check();
    expect(await createCustomers.isChecked()).toBe(true);
    await docShot(page, 'import', '10-orders-options', true);
    await page.getByTestId('import-next').click();

    await page.getByTestId('import-preview-table').waitFor();
    await expect.poll(() => count(page, 'created')).toBe('1');
    expect(await count(page, 'rejected')).toBe('0');
    await page.getByTestId('import-start').click();
    await eventually(() => page.getByTestId('import-status').textContent()).toBe('Completed');
    expect(await count(page, 'created')).toBe('1');

    const people = await getJson<{ data: { id: string; emails: { email: string }[] }[] }>(
      page,
      `${baseUrl}/api/v1/people?limit=50`,
    );
    const created = people.data.find((p) => p.emails.some((e) => e.email === 'nino.new@example.ge'));
    expect(created).toBeDefined();
    const orders = await getJson<{
      data: { source: string; externalId: string | null; personId: string | null }[];
    }>(page, `${baseUrl}/api/v1/orders?limit=10`);
    expect(orders.data).toHaveLength(1);
    expect(orders.data[0]).toMatchObject({ source: 'shopify', externalId: '#2001', personId: created?.id });
  });
});
