// Export from the contacts list (the filtered list, CSV with BOM; a selection as Excel) and the
// GDPR download on a person's page, checked by reading the downloaded files.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect } from 'vitest';
import { useKapInBrowser } from '../kap-browser-harness.ts';
import { docShot, eventually, openPage, post, signUpWorkspace, TIMING } from './browser-steps.ts';

const kap = useKapInBrowser('exports');

describe('exports in the browser', () => {
  kap.browserTest("exports the filtered list, a selection and a person's data", TIMING, async (page) => {
    const baseUrl = kap.baseUrl();
    await signUpWorkspace(page, baseUrl, 'Export browser');
    const people = [
      { firstName: 'Արամ', lastName: 'Պետրոսյան', tags: ['vip'], emails: [{ email: 'aram@example.am' }] },
      { firstName: 'ნინო', lastName: 'ბერიძე', tags: ['vip'], emails: [{ email: 'nino@example.ge' }] },
      { firstName: 'Rūta', lastName: 'Kazlauskienė', tags: [], emails: [{ email: 'ruta@example.lt' }] },
    ];
    const ids: string[] = [];
    for (const person of people) ids.push((await post(page, baseUrl, '/api/v1/people', person)).id);
    await post(page, baseUrl, '/api/v1/activities', {
      type: 'note',
      occurredAt: '2026-03-01T10:00:00Z',
      subject: 'Met at the fair',
      personIds: [ids[0]],
    });

    // The whole filtered list (tags contain vip), CSV with a byte order mark.
    const filter = encodeURIComponent(
      JSON.stringify({ and: [{ field: 'tags', op: 'contains', value: 'vip' }] }),
    );
    await openPage(page, `${baseUrl}/contacts?filter=${filter}`);
    await eventually(() => page.getByTestId('people-row').count()).toBe(2);
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-bom').click();
    await docShot(page, 'export', 'export-menu');
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-download').click(),
    ]);
    expect(csvDownload.suggestedFilename()).toMatch(/^kap-people-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await csvDownload.path()) ?? '');
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = csv.toString('utf8');
    expect(text).toContain('Արամ');
    expect(text).toContain('ნინო');
    expect(text).not.toContain('Rūta');
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(3);

    // A selection (one row ticked), as Excel with every field.
    await openPage(page, `${baseUrl}/contacts`);
    await eventually(() => page.getByTestId('people-row').count()).toBe(3);
    await page.locator(`[data-person-id="${ids[2]}"] input[type="checkbox"]`).check();
    await page.getByTestId('export-selection-button').click();
    await page.getByTestId('export-format').getByText('Excel').click();
    await page.getByTestId('export-columns-all').click();
    await docShot(page, 'export', 'export-selection');
    const [xlsxDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-download').click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsxDownload.path()) ?? '');
    const sheet = workbook.worksheets[0];
    expect(sheet?.rowCount).toBe(2);
    const header = ((sheet?.getRow(1).values ?? []) as unknown[]).slice(1);
    expect(header).toContain('Other emails');
    expect(((sheet?.getRow(2).values ?? []) as unknown[]).slice(1)).toContain('Rūta');

    // GDPR: the person's data as a zip.
    await openPage(page, `${baseUrl}/contacts/${ids[0]}`);
    await page.getByTestId('personal-data-button').waitFor();
    await docShot(page, 'export', 'person-gdpr-button');
    const [zipDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('personal-data-button').click(),
    ]);
    const zip = await JSZip.loadAsync(readFileSync((await zipDownload.path()) ?? ''));
    const person = JSON.parse((await zip.file('person.json')?.async('string')) ?? '{}');
    expect(person.person.firstName).toBe('Արամ');
    expect(await zip.file('activities.json')?.async('string')).toContain('Met at the fair');
  });
});
