// The import wizard with products: choose "Products", upload a CSV (one row with a bad price),
// accept Kap's mapping (SKU, name, category, price with a decimal comma, currency, active; SKU as
// the match key, in the screenshot), preview, run, and find the products in the products list.
// Then a Shopify orders export of those products (one row per line, one unknown SKU): preview,
// run, the orders list. Screenshots go to docs/screenshots/import/ (7-products-*, 8-orders-*).
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { docShot, eventually, openPage, post, signUpWorkspace, TIMING } from '../exports/browser-steps.ts';
import { useKapInBrowser } from '../kap-browser-harness.ts';

const kap = useKapInBrowser('imports-products');

function writeCsv(): string {
  const lines = [
    'SKU,Product name,Category,Price,Currency,Active',
    'TSH-1,T-shirt,Apparel,"12,50",EUR,yes',
    'MUG-1,Mug,Kitchen,8.00,EUR,active',
    'CAP-1,Cap,Apparel,15,EUR,draft',
    'BAD-1,Broken,Kitchen,twelve,EUR,yes',
  ];
  const path = join(tmpdir(), `kap-products-${Date.now()}.csv`);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

function writeOrdersCsv(): string {
  const lines = [
    'Name,Email,Financial Status,Created at,Lineitem quantity,Lineitem sku',
    '#1001,ana@example.ge,paid,2025-03-01 10:15:00 +0100,2,TSH-1',
    '#1001,,,,1,MUG-1',
    '#1002,ana@example.ge,pending,2025-03-02 09:00:00 +0100,1,CAP-1',
    '#1003,ana@example.ge,paid,2025-03-03 09:00:00 +0100,1,NOPE-1',
  ];
  const path = join(tmpdir(), `kap-orders-${Date.now()}.csv`);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

const count = (page: Page, name: string) =>
  page.getByTestId(`import-count-${name}`).locator('[data-value]').getAttribute('data-value');

describe('the import wizard: products and orders', () => {
  kap.browserTest('imports products by SKU, then orders of them, and lists both', TIMING, async (page) => {
    const baseUrl = kap.baseUrl();
    await signUpWorkspace(page, baseUrl, 'Products import browser');
    await openPage(page, `${baseUrl}/imports/new`);
    await page.getByTestId('import-object-type').getByText('Products').click();
    await page.getByTestId('import-file-input').setInputFiles(writeCsv());
    await page.getByTestId('import-detected').waitFor();
    await page.getByTestId('import-next').click();

    const rows = page.getByTestId('import-mapping-row');
    await eventually(() => rows.count()).toBe(6);
    await expect.poll(() => rows.nth(0).getByTestId('import-target').inputValue()).toBe('SKU');
    await expect.poll(() => rows.nth(1).getByTestId('import-target').inputValue()).toBe('Name');
    await expect.poll(() => rows.nth(3).getByTestId('import-target').inputValue()).toBe('Price');
    await expect.poll(() => rows.nth(5).getByTestId('import-target').inputValue()).toBe('Active');
    await docShot(page, 'import', '7-products-mapping', true);
    await page.getByTestId('import-next').click();

    await page.getByTestId('import-preview-table').waitFor();
    await expect.poll(() => count(page, 'created')).toBe('3');
    expect(await count(page, 'rejected')).toBe('1');
    await page.getByTestId('import-start').click();
    await eventually(() => page.getByTestId('import-status').textContent()).toBe('Completed');
    expect(await count(page, 'created')).toBe('3');
    await docShot(page, 'import', '7-products-done');

    await page.getByTestId('import-open-list').click();
    await eventually(() => page.getByTestId('product-row').count()).toBe(3);
    expect(await page.getByTestId('products-table').textContent()).toContain('TSH-1');

    // Then a Shopify orders export of those products, one row per line.
    await post(page, baseUrl, '/api/v1/people', {
      firstName: 'Ana',
      emails: [{ email: 'ana@example.ge', label: 'work', isPrimary: true }],
    });
    await openPage(page, `${baseUrl}/imports/new`);
    await page.getByTestId('import-object-type').getByText('Orders').click();
    await page.getByTestId('import-file-input').setInputFiles(writeOrdersCsv());
    await page.getByTestId('import-detected').waitFor();
    await page.getByTestId('import-next').click();
    await eventually(() => rows.count()).toBe(6);
    await expect.poll(() => rows.nth(0).getByTestId('import-target').inputValue()).toBe('Order id');
    await page.getByTestId('import-next').click();
    await page.getByTestId('import-preview-table').waitFor();
    await expect.poll(() => count(page, 'created')).toBe('3');
    expect(await count(page, 'rejected')).toBe('1');
    await docShot(page, 'import', '8-orders-preview', true);
    await page.getByTestId('import-start').click();
    await eventually(() => page.getByTestId('import-status').textContent()).toBe('Completed');
    await page.getByTestId('import-open-list').click();
    await eventually(() => page.getByTestId('order-row').count()).toBe(2);
  });
});
