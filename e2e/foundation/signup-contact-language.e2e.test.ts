// Browser test of the first-run path: sign up, log out, log in, create a contact, find it in the list,
// and switch the UI to Armenian. Starts its own Kap (fresh data directory, free port) and drives the
// system Chromium through playwright-core. Screenshots go to test-artifacts/screenshots/foundation/.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { useKapInBrowser } from '../kap-browser-harness.ts';

const kap = useKapInBrowser('foundation');
const shot = kap.shot;

kap.browserTest(
  'sign up, log out, log in, create a contact, switch to Armenian',
  { viewport: { width: 1280, height: 800 }, stepTimeoutMs: 10_000, timeoutMs: 90_000 },
  (page) => runScenario(page),
);

async function runScenario(page: Page): Promise<void> {
  const email = 'owner@example.com';
  const password = 'a long enough password';

  // A fresh install opens on sign-up.
  await page.goto(`${kap.baseUrl()}/`);
  await page.waitForURL('**/signup');
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
  await shot(page, '01-signup');

  await page.getByTestId('signup-workspace-name').fill('Ararat Trading');
  await page.getByTestId('signup-name').fill('Ani Hakobyan');
  await page.getByTestId('signup-email').fill(email);
  await page.getByTestId('signup-password').fill(password);
  await page.getByTestId('signup-password').press('Enter');
  await page.waitForURL('**/contacts');
  await page.getByTestId('people-empty').waitFor();
  expect(await page.getByTestId('workspace-name').textContent()).toBe('Ararat Trading');
  await shot(page, '02-contacts-empty');

  // Log out and back in.
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout-button').click();
  await page.waitForURL('**/login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await shot(page, '03-login');
  await page.getByTestId('login-submit').click();
  await page.waitForURL('**/contacts');

  // Create a contact.
  await page.getByTestId('create-person-button').click();
  await page.waitForURL('**/contacts/new');
  await page.getByTestId('person-first-name').fill('Nino');
  await page.getByTestId('person-last-name').fill('Beridze');
  await page.getByTestId('person-email-0').fill('nino.beridze@example.ge');
  await page.getByTestId('person-phone-0').fill('+995 32 2 123456');
  await shot(page, '04-contact-form');
  await page.getByTestId('person-save').click();
  await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
  expect(await page.getByTestId('person-name').textContent()).toBe('Nino Beridze');
  await shot(page, '05-contact-detail');

  // It is in the list.
  await page.getByTestId('nav-contacts').click();
  await page.waitForURL('**/contacts');
  const row = page.getByTestId('people-row').filter({ hasText: 'Beridze' });
  await row.waitFor();
  expect(await row.textContent()).toContain('nino.beridze@example.ge');
  await shot(page, '06-contacts-list');

  // Switch to Armenian: labels change, <html lang> follows, and the choice is saved to the profile.
  await page.getByTestId('language-switcher').selectOption('hy');
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('hy');
  await expect.poll(() => page.getByTestId('nav-contacts').textContent()).toBe('Կոնտակտներ');
  // The button's label, then its keyboard shortcut hint (N).
  expect(await page.getByTestId('create-person-button').textContent()).toMatch(/^Նոր կոնտակտN?$/);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Կոնտակտներ');
  await expect
    .poll(
      async () =>
        (
          (await (await page.request.get(`${kap.baseUrl()}/api/v1/me`)).json()) as {
            user: { locale: string };
          }
        ).user.locale,
    )
    .toBe('hy');
  await shot(page, '07-contacts-armenian');

  // It survives a reload.
  await page.reload();
  await expect.poll(() => page.getByTestId('nav-settings').textContent()).toBe('Կարգավորումներ');
}
