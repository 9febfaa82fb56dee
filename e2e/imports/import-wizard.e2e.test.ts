// The import wizard end to end: upload a CSV of 300 people (10 with a broken email), accept Kap's
// mapping (plus one new custom field), preview, run with the progress bar, read the final counts,
// download the rejected rows and find the people in the contacts list. Screenshots of each step
// go to docs/screenshots/import/.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { docShot, eventually, openPage, signUpWorkspace, TIMING } from '../exports/browser-steps.ts';
import { useKapInBrowser } from '../kap-browser-harness.ts';

const kap = useKapInBrowser('imports');

const FIRST = ['Արամ', 'ნინო', 'Rūta', 'Anna', 'Գոռ', 'ლევან'];
const LAST = ['Պետրոսյան', 'ბერიძე', 'Kazlauskienė', 'Smith', 'Սարգսյան', 'მაისურაძე'];
const ROWS = 300;
const BAD = new Set([7, 50, 51, 99, 120, 150, 200, 233, 260, 299]);

function writeCsv(): string {
  const lines = ['First Name,Last Name,E-mail Address,Mobile Phone,Favourite colour'];
  for (let i = 0; i < ROWS; i++) {
    const email = BAD.has(i) ? `broken-${i}@` : `person${i}@import.example`;
    const colour = i % 2 === 0 ? 'blue' : '"green, light"';
    lines.push(`${FIRST[i % 6]},${LAST[i % 6]} ${i},${email},+37491${String(i).padStart(6, '0')},${colour}`);
  }
  const path = join(tmpdir(), `kap-import-${Date.now()}.csv`);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

describe('the import wizard', () => {
  kap.browserTest(
    'imports a CSV with progress, counts, rejected rows and the people listed',
    TIMING,
    async (page) => {
      const baseUrl = kap.baseUrl();
      await signUpWorkspace(page, baseUrl, 'Import browser');
      await openPage(page, `${baseUrl}/imports`);
      await page.getByTestId('imports-empty').waitFor();
      await page.getByTestId('new-import-button').click();

      // 1. Upload: the detected format, encoding and delimiter are shown.
      await page.getByTestId('import-file-input').setInputFiles(writeCsv());
      await page.getByTestId('import-detected').waitFor();
      await expect.poll(() => page.getByTestId('import-delimiter').inputValue()).toBe('Comma ,');
      await docShot(page, 'import', '1-upload');
      await page.getByTestId('import-next').click();

      // 2. Mapping: Kap's suggestions preselected; the unknown column becomes a new custom field.
      const rows = page.getByTestId('import-mapping-row');
      await eventually(() => rows.count()).toBe(5);
      await expect.poll(() => rows.nth(2).getByTestId('import-target').inputValue()).toBe('Email');
      await expect.poll(() => rows.nth(3).getByTestId('import-target').inputValue()).toBe('Mobile phone');
      await rows.nth(4).getByTestId('import-target').click();
      await page.getByRole('option', { name: 'Create a custom field…' }).click();
      await docShot(page, 'import', '2-mapping', true);
      await page.getByTestId('import-next').click();

      // 3. Preview: nothing written yet; the counts of what would happen.
      await page.getByTestId('import-preview-table').waitFor();
      await expect
        .poll(() =>
          page.getByTestId('import-count-created').locator('[data-value]').getAttribute('data-value'),
        )
        .toBe('290');
      expect(
        await page.getByTestId('import-count-rejected').locator('[data-value]').getAttribute('data-value'),
      ).toBe('10');
      await docShot(page, 'import', '3-preview');
      await page.getByTestId('import-start').click();

      // 4. Run: the progress bar, then the final counts.
      await page.getByTestId('import-progress-bar').waitFor();
      await docShot(page, 'import', '4-running');
      await eventually(() => page.getByTestId('import-status').textContent()).toBe('Completed');
      await expect
        .poll(() => page.getByTestId('import-progress-bar').getAttribute('data-percent'))
        .toBe('100');
      expect(
        await page.getByTestId('import-count-created').locator('[data-value]').getAttribute('data-value'),
      ).toBe('290');
      expect(
        await page.getByTestId('import-count-rejected').locator('[data-value]').getAttribute('data-value'),
      ).toBe('10');
      await docShot(page, 'import', '5-done');

      // The rejected rows: the original columns, then row and reason.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('import-download-rejected').click(),
      ]);
      const rejected = readFileSync((await download.path()) ?? '', 'utf8');
      const lines = rejected.split(/\r?\n/).filter(Boolean);
      expect(lines).toHaveLength(11);
      expect(lines[0]).toContain('E-mail Address');
      expect(rejected).toContain('broken-7@');

      // The imports list shows it; the people are in the contacts list.
      await openPage(page, `${baseUrl}/imports`);
      await eventually(() => page.getByTestId('imports-row').count()).toBe(1);
      // The rate it ran at (rows/s and, while running, the time left come with the list).
      expect(await page.getByTestId('imports-row').getByTestId('import-rate').textContent()).toMatch(
        /^[\d,.\s]+ rows\/s$/,
      );
      await docShot(page, 'import', '6-list');
      await openPage(page, `${baseUrl}/contacts?q=person12%40import.example`);
      await eventually(() => page.getByTestId('people-row').count()).toBe(1);
      expect(await page.getByTestId('people-row').first().textContent()).toContain('person12@import.example');
    },
  );
});
