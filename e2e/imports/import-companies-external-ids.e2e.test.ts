// The import wizard with companies that carry an id of another system: the "Id" column is
// suggested as external id, its source is named in the mapping step (hubspot), and a second run
// of the file matched on the external id finds the companies again — renamed ones too — instead
// of adding them twice. Screenshot: docs/screenshots/import/9-companies-external-id-mapping.png.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { docShot, eventually, openPage, signUpWorkspace, TIMING } from '../exports/browser-steps.ts';
import { useKapInBrowser } from '../kap-browser-harness.ts';

const kap = useKapInBrowser('imports-companies');

function writeCsv(rows: string[]): string {
  const path = join(tmpdir(), `kap-companies-${Date.now()}-${Math.random().toString(16).slice(2)}.csv`);
  writeFileSync(path, `${['Id,Company,Industry', ...rows].join('\r\n')}\r\n`);
  return path;
}

const count = (page: Page, name: string) =>
  page.getByTestId(`import-count-${name}`).locator('[data-value]').getAttribute('data-value');

async function importCompanies(page: Page, baseUrl: string, file: string, matchOnExternalId: boolean) {
  await openPage(page, `${baseUrl}/imports/new`);
  await page.getByTestId('import-object-type').getByText('Companies').click();
  await page.getByTestId('import-file-input').setInputFiles(file);
  await page.getByTestId('import-detected').waitFor();
  await page.getByTestId('import-next').click();
  const rows = page.getByTestId('import-mapping-row');
  await eventually(() => rows.count()).toBe(3);
  await expect.poll(() => rows.nth(0).getByTestId('import-target').inputValue()).toBe('External id');
  const source = page.getByTestId('import-external-id-source');
  await source.fill('hubspot');
  if (matchOnExternalId) {
    // Match on the external id instead of the name.
    const match = page.getByTestId('import-match');
    // Mantine's pills input keeps its text field hidden until typed into: open it by force.
    await match.click({ force: true });
    await page.getByRole('option', { name: 'External id' }).click();
    await page.getByRole('option', { name: 'Name' }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('import-mode').getByText('Overwrite').click();
    await docShot(page, 'import', '9-companies-external-id-mapping', true);
  }
  await page.getByTestId('import-next').click();
  await page.getByTestId('import-preview-table').waitFor();
  await page.getByTestId('import-start').click();
  await eventually(() => page.getByTestId('import-status').textContent()).toBe('Completed');
}

describe('the import wizard: companies with external ids', () => {
  kap.browserTest('names the source of the ids and matches on them on a second run', TIMING, async (page) => {
    const baseUrl = kap.baseUrl();
    await signUpWorkspace(page, baseUrl, 'Companies import browser');
    await importCompanies(
      page,
      baseUrl,
      writeCsv(['C-1,Ararat Foods,Food', 'C-2,Baltic Amber,Retail']),
      false,
    );
    expect(await count(page, 'created')).toBe('2');

    await importCompanies(
      page,
      baseUrl,
      writeCsv(['C-1,Ararat Foods LLC,Food', 'C-2,Baltic Amber,Jewellery', 'C-3,Kartuli,Wine']),
      true,
    );
    expect(await count(page, 'created')).toBe('1');
    expect(await count(page, 'updated')).toBe('2');

    const response = await page.request.get(`${baseUrl}/api/v1/companies?externalId=hubspot%3AC-1`);
    const found = (await response.json()) as { data: { name: string; externalIds: unknown[] }[] };
    expect(found.data.map((c) => [c.name, c.externalIds])).toEqual([
      ['Ararat Foods LLC', [{ source: 'hubspot', id: 'C-1' }]],
    ]);
  });
});
