// A company's external ids on its page: shown among the details, edited as source:id entries in
// the edit form, and an id another company holds refused with the field named.
import { expect } from 'vitest';
import { useKapInBrowser } from '../kap-browser-harness.ts';
import { docShot, eventually, get, openPage, post, signUpWorkspace, TIMING } from './c360-browser.ts';

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
  const input = page.getByTestId('company-form').getByTestId('company-external-ids');
  await input.fill('erp:C-9');
  await input.press('Enter');
  await page.getByTestId('company-save').click();
  // Taken by Holder Ltd: the form stays open and says so under the field.
  await page.getByText('Another company already has this erp id').waitFor();
  await docShot(page, 'company-external-ids-taken');

  // Backspace in the empty input takes the last entry off again.
  await input.press('Backspace');
  await input.fill('erp:C-10');
  await input.press('Enter');
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
