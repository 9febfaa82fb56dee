// Contacts list: the filter builder on a custom field and a relative date narrows the list; the
// filter, columns and sort saved as a view come back whole from a link to the view; a bulk action
// on "all N matching" of a filtered list reaches every match, not only the loaded page.
import { expect } from 'vitest';
import { useKapInBrowser } from '../kap-browser-harness.ts';
import {
  docShot,
  eventually,
  get,
  openPage,
  pick,
  post,
  rowIds,
  signUpWorkspace,
  TIMING,
} from './c360-browser.ts';

const kap = useKapInBrowser('customer360');

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

kap.browserTest(
  'filter on a custom field and a relative date, save as a view, reopen it',
  TIMING,
  async (page) => {
    const base = kap.baseUrl();
    await signUpWorkspace(page, base, 'Yerevan Wines');
    await post(page, base, '/api/v1/custom-fields', {
      objectType: 'person',
      key: 'tier',
      label: 'Tier',
      type: 'select',
      options: [
        { value: 'gold', label: 'Gold' },
        { value: 'silver', label: 'Silver' },
      ],
    });
    await post(page, base, '/api/v1/custom-fields', {
      objectType: 'person',
      key: 'lastVisit',
      label: 'Last visit',
      type: 'date',
    });
    const ids: Record<string, string> = {};
    for (const [firstName, tier, days] of [
      ['Anahit', 'gold', 3],
      ['Boris', 'gold', 400],
      ['Carmen', 'silver', 5],
      ['Davit', 'gold', 12],
    ] as const) {
      const person = await post(page, base, '/api/v1/people', {
        firstName,
        lastName: 'Sargsyan',
        customFields: { tier, lastVisit: daysAgo(days) },
      });
      ids[firstName] = person.id;
    }

    await openPage(page, `${base}/contacts`);
    await eventually(() => rowIds(page, 'people-row', 'data-person-id').then((r) => r.length)).toBe(4);
    await page.getByTestId('filter-button').click();

    // Tier is Gold.
    await page.getByTestId('filter-add').click();
    const conditions = page.getByTestId('filter-condition');
    await pick(page, conditions.nth(0).getByTestId('filter-field'), 'Tier');
    await pick(page, conditions.nth(0).getByTestId('filter-value'), 'Gold');
    await eventually(() => rowIds(page, 'people-row', 'data-person-id').then((r) => r.length)).toBe(3);

    // Last visit in the last 30 days (the default amount of "in the last").
    await page.getByTestId('filter-add').click();
    await pick(page, conditions.nth(1).getByTestId('filter-field'), 'Last visit');
    expect(await conditions.nth(1).getByTestId('filter-operator').inputValue()).toBe('in the last');
    await eventually(() => rowIds(page, 'people-row', 'data-person-id').then((r) => r.sort())).toEqual(
      [ids.Anahit, ids.Davit].sort(),
    );
    await docShot(page, 'contacts-filter-builder');

    // Sort by first name, descending; show the Tier column.
    // One click at a time: each new sort redraws the table.
    await page.getByTestId('sort-firstName').click();
    await eventually(() => new URL(page.url()).searchParams.get('sort')).toBe('firstName');
    await page.getByTestId('sort-firstName').click();
    await eventually(() => new URL(page.url()).searchParams.get('sort')).toBe('-firstName');
    await eventually(() => rowIds(page, 'people-row', 'data-person-id')).toEqual([ids.Davit, ids.Anahit]);
    await page.getByTestId('columns-button').click();
    await page.getByTestId('column-customFields.tier').click();
    await page.getByTestId('columns-button').click();
    await page.getByTestId('columns-menu').waitFor({ state: 'hidden' });
    await page.getByRole('columnheader', { name: 'Tier' }).waitFor();

    // Save it as a view.
    await page.getByTestId('save-view-button').click();
    await page.getByTestId('view-name').fill('Gold, visited lately');
    await page.getByTestId('view-save').click();
    await eventually(() => new URL(page.url()).searchParams.get('view')).toMatch(/^[0-9a-f-]{36}$/);
    const viewId = new URL(page.url()).searchParams.get('view') ?? '';
    const views = await get<{ data: { id: string; sort: string; columns: string[] }[] }>(
      page,
      base,
      '/api/v1/views?objectType=person',
    );
    expect(views.data.find((v) => v.id === viewId)).toMatchObject({
      sort: '-firstName',
      columns: expect.arrayContaining(['customFields.tier']),
    });

    // Forget this browser's columns, then open the view by its link alone: it restores it all.
    await page.evaluate('localStorage.clear()');
    await openPage(page, `${base}/contacts?view=${viewId}`);
    await eventually(() => rowIds(page, 'people-row', 'data-person-id')).toEqual([ids.Davit, ids.Anahit]);
    await page.getByRole('columnheader', { name: 'Tier' }).waitFor();
    await eventually(() => new URL(page.url()).searchParams.get('sort')).toBe('-firstName');
    await page.getByTestId('filter-button').click();
    await eventually(() => page.getByTestId('filter-condition').count()).toBe(2);
    expect(await page.getByTestId('views-select').inputValue()).toBe('Gold, visited lately');
    await kap.shot(page, 'contacts-view-restored');
  },
);

kap.browserTest(
  'bulk "add tag" on all N matching of a filtered list, then filter by that tag',
  TIMING,
  async (page) => {
    const base = kap.baseUrl();
    await signUpWorkspace(page, base, 'Gyumri Crafts');
    // 57 people from the fair (more than one page of 50) and 3 others.
    const names = ['Ani', 'Hayk', 'Nare', 'Tigran', 'Lilit', 'Aram', 'Gohar', 'Vahe', 'Siranush', 'Karen'];
    const surnames = ['Petrosyan', 'Hakobyan', 'Sargsyan', 'Avetisyan', 'Mkrtchyan', 'Harutyunyan'];
    const fair = Array.from({ length: 57 }, (_, i) => ({
      firstName: names[i % names.length],
      lastName: surnames[i % surnames.length],
      emails: [{ email: `visitor${i + 1}@example.am`, isPrimary: true }],
      phones: [{ number: `+3749100${String(1000 + i)}` }],
      lifecycleStage: 'lead',
      tags: ['fair'],
    }));
    const others = ['Ani', 'Hayk', 'Lusine'].map((firstName) => ({ firstName, tags: ['shop'] }));
    for (const person of [...fair, ...others]) await post(page, base, '/api/v1/people', person);

    const byTag = (tag: string) =>
      encodeURIComponent(JSON.stringify({ and: [{ field: 'tags', op: 'contains', value: tag }] }));
    await openPage(page, `${base}/contacts?filter=${byTag('fair')}`);
    await page.getByTestId('people-row').first().waitFor();
    await page.getByTestId('select-page').check();
    const selectAll = page.getByTestId('select-all-matching');
    await eventually(() => selectAll.textContent()).toBe('Select all 57 matching');
    await docShot(page, 'contacts-list');
    await selectAll.click();
    expect(await page.getByTestId('bulk-count').textContent()).toBe('All 57 matching');
    await page.getByTestId('bulk-actions').click();
    await page.getByTestId('bulk-addTag').click();
    await page.getByTestId('bulk-value').fill('thank-you-letter');
    await page.getByTestId('bulk-confirm').click();
    await page.getByText('Done: 57 contacts changed').waitFor();

    // Filtering by the new tag finds exactly those 57: select the loaded page, the count says 57.
    await openPage(page, `${base}/contacts?filter=${byTag('thank-you-letter')}`);
    await page.getByTestId('people-row').first().waitFor();
    await page.getByTestId('select-page').check();
    await eventually(() => page.getByTestId('select-all-matching').textContent()).toBe(
      'Select all 57 matching',
    );
    const count = await get<{ count: number }>(page, base, `/api/v1/people/count?tag=thank-you-letter`);
    expect(count.count).toBe(57);
  },
);
