// Contacts list: "select all N matching" while a search text is typed acts on exactly the people
// that the search (and the filter) match, not on the loaded page only, and not on everyone.
import { expect } from 'vitest';
import { useKapInBrowser } from '../kap-browser-harness.ts';
import { eventually, get, openPage, post, signUpWorkspace, TIMING } from './c360-browser.ts';

const kap = useKapInBrowser('customer360');

kap.browserTest('bulk "add tag" on all N people matching a search text', TIMING, async (page) => {
  const base = kap.baseUrl();
  await signUpWorkspace(page, base, 'Vanadzor Books');
  // 55 Petrosyans (more than one page of 50), 8 others; all at the same fair.
  const names = ['Ani', 'Hayk', 'Nare', 'Tigran', 'Lilit'];
  const people = [
    ...Array.from({ length: 55 }, (_, i) => ({ firstName: names[i % names.length], lastName: 'Petrosyan' })),
    ...Array.from({ length: 8 }, (_, i) => ({ firstName: names[i % names.length], lastName: 'Hakobyan' })),
  ];
  for (const person of people) await post(page, base, '/api/v1/people', { ...person, tags: ['fair'] });

  const filter = encodeURIComponent(
    JSON.stringify({ and: [{ field: 'tags', op: 'contains', value: 'fair' }] }),
  );
  await openPage(page, `${base}/contacts?q=petros&filter=${filter}`);
  await page.getByTestId('people-row').first().waitFor();
  await page.getByTestId('select-page').check();
  const selectAll = page.getByTestId('select-all-matching');
  await eventually(() => selectAll.textContent()).toBe('Select all 55 matching');
  await selectAll.click();
  expect(await page.getByTestId('bulk-count').textContent()).toBe('All 55 matching');
  await kap.shot(page, 'contacts-bulk-search-selected');
  await page.getByTestId('bulk-actions').click();
  await page.getByTestId('bulk-addTag').click();
  await page.getByTestId('bulk-value').fill('book-club');
  await page.getByTestId('bulk-confirm').click();
  await page.getByText('Done: 55 contacts changed').waitFor();

  const tagged = await get<{ count: number }>(page, base, '/api/v1/people/count?tag=book-club');
  expect(tagged.count).toBe(55);
  const taggedPetrosyans = await get<{ count: number }>(
    page,
    base,
    '/api/v1/people/count?tag=book-club&q=petrosyan',
  );
  expect(taggedPetrosyans.count).toBe(55);
});
