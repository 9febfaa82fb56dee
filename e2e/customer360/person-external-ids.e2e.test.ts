// A person's external ids, edited as companies' are (the shared source:id editor): shown on the
// contact page, added on the new and edit pages, a malformed entry and an id another person holds
// refused under their own entry.
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

type TWithExternalIds = { id: string; externalIds: { source: string; id: string }[] };

kap.browserTest('person external ids: shown, added, edited, a taken one refused', TIMING, async (page) => {
  const base = kap.baseUrl();
  await signUpWorkspace(page, base, 'Tbilisi Tea House');
  await post(page, base, '/api/v1/people', {
    firstName: 'Giorgi',
    externalIds: [{ source: 'shopify', id: '5501' }],
  });

  // A new contact with only a name and an external id.
  await openPage(page, `${base}/contacts/new`);
  await page.getByTestId('person-first-name').fill('Nino');
  await page.getByTestId('person-add-external-id').click();
  await page.getByTestId('person-external-id-0').fill('hubspot:77');
  await page.getByTestId('person-save').click();
  await eventually(() => page.getByTestId('person-external-ids').textContent()).toBe('hubspot:77');
  const personId = /\/contacts\/([^/]+)$/.exec(page.url())?.[1] ?? '';

  await page.getByTestId('edit-person-button').click();
  const second = page.getByTestId('person-external-id-1');
  await page.getByTestId('person-add-external-id').click();
  // Without "source:" the form says how to write it, under that entry, before asking the server.
  await second.fill('5501');
  await page.getByTestId('person-save').click();
  await eventually(() => errorUnder(page, second)).toContain('source:id');

  // Giorgi holds shopify:5501: 409, named under the second entry only.
  await second.fill('shopify:5501');
  await page.getByTestId('person-save').click();
  await eventually(() => errorUnder(page, second)).toBe('Another person already has this shopify id');
  expect(await errorUnder(page, page.getByTestId('person-external-id-0'))).toBeNull();
  await docShot(page, 'person-external-ids-taken', { fullPage: true });

  await second.fill('shopify:5502');
  await page.getByTestId('person-save').click();
  await eventually(() => page.getByTestId('person-external-ids').textContent()).toBe(
    'hubspot:77, shopify:5502',
  );
  await docShot(page, 'person-external-ids');
  const saved = await get<TWithExternalIds>(page, base, `/api/v1/people/${personId}`);
  expect(saved.externalIds).toEqual([
    { source: 'hubspot', id: '77' },
    { source: 'shopify', id: '5502' },
  ]);
});
