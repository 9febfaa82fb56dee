// A company's external ids on its page: shown among the details, edited as source:id entries in
// the edit form (one input per entry), and an id another company holds refused under its entry.
import { expect } from 'vitest';
import { useKapInBrowser } from '../kap-browser-harness.ts';
import {
  docShot,
  errorUnder,
  eventually,
  get,
  openPage,
  post,
  signUpWorkspace,
  TIMING,
} from './c360-browser.ts';

const kap = useKapInBrowser('customer360');

kap.browserTest('company external ids: shown, edited, a taken one refused', TIMING, async (page) => {
  const base = kap.baseUrl();
  await signUpWorkspace(page, base, 'Kakheti Exports');
  await post(page, base, '/api/v1/companies', {
    name: 'Holder Ltd',
    externalIds: [{ source: 'erp', id: 'C-9' }],
  });
  const company = await post(page, base, '/api/v1/companies', {
    name: 'Kindzmarauli Wines',
    externalIds: [{ source: 'hubspot', id: '1001' }],
  });

  await openPage(page, `${base}/companies/${company.id}`);
  await eventually(() => page.getByTestId('company-external-ids').textContent()).toBe('hubspot:1001');

  await page.getByTestId('edit-company-button').click();
  const form = page.getByTestId('company-form');
  await form.getByTestId('company-add-external-id').click();
  await form.getByTestId('company-external-id-1').fill('erp:C-9');
  await page.getByTestId('company-save').click();
  // Taken by Holder Ltd: the form stays open and says so under that entry.
  const taken = form.getByTestId('company-external-id-1');
  await eventually(() => taken.getAttribute('aria-invalid')).toBe('true');
  expect(await errorUnder(page, taken)).toBe('Another company already has this erp id');
  expect(await form.getByTestId('company-external-id-0').getAttribute('aria-invalid')).not.toBe('true');
  await docShot(page, 'company-external-ids-taken');

  await taken.fill('erp:C-10');
  await page.getByTestId('company-save').click();
  await page.getByTestId('company-form').waitFor({ state: 'detached' });
  await eventually(() => page.getByTestId('company-external-ids').textContent()).toBe(
    'hubspot:1001, erp:C-10',
  );
  await docShot(page, 'company-external-ids');
  const saved = await get<{ externalIds: { source: string; id: string }[] }>(
    page,
    base,
    `/api/v1/companies/${company.id}`,
  );
  expect(saved.externalIds).toEqual([
    { source: 'hubspot', id: '1001' },
    { source: 'erp', id: 'C-10' },
  ]);
});
