// Companies list at parity with contacts (filter, saved view, bulk on all matching), and a
// relation custom field entered with a record picker and shown by the related record's name.
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

kap.browserTest('companies: filter, saved view, bulk tag on all matching', TIMING, async (page) => {
  const base = kap.baseUrl();
  await signUpWorkspace(page, base, 'Tbilisi Traders');
  await post(page, base, '/api/v1/custom-fields', {
    objectType: 'company',
    key: 'region',
    label: 'Region',
    type: 'text',
  });
  const food: string[] = [];
  for (let i = 1; i <= 53; i += 1) {
    const company = await post(page, base, '/api/v1/companies', {
      name: `Food supplier ${String(i).padStart(2, '0')}`,
      industry: 'Food',
      size: i % 2 ? '11-50' : '51-200',
      domains: [`supplier${i}.ge`],
      customFields: { region: i % 3 ? 'Kakheti' : 'Imereti' },
    });
    food.push(company.id);
  }
  for (const name of ['Rustavi Steel', 'Batumi Port Services']) {
    await post(page, base, '/api/v1/companies', {
      name,
      industry: 'Industry',
      customFields: { region: 'Adjara' },
    });
  }

  await openPage(page, `${base}/companies`);
  await page.getByTestId('company-row').first().waitFor();
  // "N" on the companies list opens the quick company form (the button shows the key).
  expect(await page.getByTestId('create-company-button').textContent()).toContain('N');
  await page.keyboard.press('n');
  await page.getByTestId('company-name').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('company-name').waitFor({ state: 'detached' });
  await page.getByTestId('filter-button').click();
  await page.getByTestId('filter-add').click();
  const condition = page.getByTestId('filter-condition').first();
  await pick(page, condition.getByTestId('filter-field'), 'Industry');
  await pick(page, condition.getByTestId('filter-operator'), 'is');
  await condition.getByTestId('filter-value').fill('Food');
  await eventually(() => new URL(page.url()).searchParams.get('filter')).toContain('Food');
  await page.getByTestId('filter-add').click();
  const region = page.getByTestId('filter-condition').nth(1);
  await pick(page, region.getByTestId('filter-field'), 'Region');
  await region.getByTestId('filter-value').fill('Imereti');
  await eventually(() => new URL(page.url()).searchParams.get('filter')).toContain('Imereti');
  await eventually(() => rowIds(page, 'company-row', 'data-company-id').then((r) => r.length)).toBe(17);
  await page.getByTestId('columns-button').click();
  await page.getByTestId('column-customFields.region').click();
  await page.getByTestId('columns-button').click();
  await page.getByTestId('columns-menu').waitFor({ state: 'hidden' });
  await docShot(page, 'companies-list');

  await page.getByTestId('save-view-button').click();
  await page.getByTestId('view-name').fill('Imereti food');
  await page.getByTestId('view-shared').check();
  await page.getByTestId('view-save').click();
  await eventually(() => new URL(page.url()).searchParams.get('view')).toMatch(/^[0-9a-f-]{36}$/);
  const viewId = new URL(page.url()).searchParams.get('view') ?? '';
  await page.evaluate('localStorage.clear()');
  await openPage(page, `${base}/companies?view=${viewId}`);
  await eventually(() => rowIds(page, 'company-row', 'data-company-id').then((r) => r.length)).toBe(17);
  await page.getByRole('columnheader', { name: 'Region' }).waitFor();

  // Bulk: every Food company (53, more than one page), through "select all matching".
  const foodOnly = encodeURIComponent(
    JSON.stringify({ and: [{ field: 'industry', op: 'eq', value: 'Food' }] }),
  );
  await openPage(page, `${base}/companies?filter=${foodOnly}`);
  await page.getByTestId('company-row').first().waitFor();
  await page.getByTestId('select-page').check();
  await eventually(() => page.getByTestId('select-all-matching').textContent()).toBe(
    'Select all 53 matching',
  );
  await page.getByTestId('select-all-matching').click();
  await page.getByTestId('bulk-actions').click();
  await page.getByTestId('bulk-addTag').click();
  await page.getByTestId('bulk-value').fill('wholesale');
  await page.getByTestId('bulk-confirm').click();
  await page.getByText('Done: 53 companies changed').waitFor();
  const tagged = await get<{ count: number }>(page, base, '/api/v1/companies/count?tag=wholesale');
  expect(tagged.count).toBe(53);
});

kap.browserTest('relation field: pick the related company by name, see its name', TIMING, async (page) => {
  const base = kap.baseUrl();
  await signUpWorkspace(page, base, 'Kaunas Furniture');
  await post(page, base, '/api/v1/custom-fields', {
    objectType: 'person',
    key: 'referredBy',
    label: 'Referred by',
    type: 'relation',
    relation: { objectType: 'company' },
  });
  const company = await post(page, base, '/api/v1/companies', {
    name: 'Šilas Baldai',
    domains: ['silas.lt'],
  });
  const person = await post(page, base, '/api/v1/people', { firstName: 'Rūta', lastName: 'Kazlauskienė' });

  await openPage(page, `${base}/contacts/${person.id}`);
  await page.getByTestId('person-name').waitFor();
  await page.getByTestId('profile-edit').click();
  const picker = page.getByTestId('cf-referredBy');
  await picker.click();
  await picker.fill('silas');
  await page.getByRole('option', { name: /Šilas Baldai/ }).click();
  await page.getByTestId('profile-save').click();

  // Stored as the id, shown as the name, linking to the company.
  await eventually(
    async () =>
      (await get<{ customFields: Record<string, unknown> }>(page, base, `/api/v1/people/${person.id}`))
        .customFields,
  ).toEqual({ referredBy: company.id });
  const link = page.getByTestId('record-name').filter({ hasText: 'Šilas Baldai' });
  await link.waitFor();
  expect(await link.getAttribute('href')).toBe(`/companies/${company.id}`);
});
