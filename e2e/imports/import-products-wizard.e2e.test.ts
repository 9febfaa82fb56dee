// The import wizard with products: choose "Products", upload a CSV (one row with a bad price),
// accept Kap's mapping (SKU, name, category, price with a decimal comma, currency, active), see
// the mapping step (SKU as the match key, in the screenshot), preview, run, and find the products in the products list. Screenshots go
// to docs/screenshots/import/ (7-products-*).
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { docShot, eventually, openPage, signUpWorkspace, TIMING } from '../exports/browser-steps.ts';
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

const count = (page: Page, name: string) =>
  page.getByTestId(`import-count-${name}`).locator('[data-value]').getAttribute('data-value');

describe('the import wizard: products', () => {
  kap.browserTest('imports products by SKU and lists them', TIMING, async (page) => {
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
  });
});
