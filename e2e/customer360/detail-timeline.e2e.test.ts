// Browser test of the customer 360 page: create a company and a contact linked to it, add a note on the
// timeline, add a task and complete it, then find the contact with Ctrl-K search. Starts its own Kap
// (fresh data directory, free port) and drives the system Chromium through playwright-core.
// Screenshots go to test-artifacts/screenshots/customer360/.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { useKapInBrowser } from '../kap-browser-harness.ts';
import { docShot } from './c360-browser.ts';

const kap = useKapInBrowser('customer360');
const shot = kap.shot;

kap.browserTest(
  'company + linked contact, timeline note, task done, Ctrl-K search',
  { viewport: { width: 1280, height: 900 }, stepTimeoutMs: 15_000, timeoutMs: 60_000 },
  (page) => runScenario(page),
);

async function runScenario(page: Page): Promise<void> {
  // Sign up through the API (the foundation test covers the form); the session cookie lands in the context.
  const signup = await page.request.post(`${kap.baseUrl()}/api/v1/auth/signup`, {
    data: {
      workspaceName: 'Kutaisi Foods',
      name: 'Tamar Kapanadze',
      email: 'tamar@example.ge',
      password: 'a long enough password',
    },
  });
  expect(signup.status()).toBe(201);

  // A company, through the companies page.
  await page.goto(`${kap.baseUrl()}/companies`);
  await page.getByTestId('companies-empty').waitFor();
  await page.getByTestId('create-company-button').click();
  await page.getByTestId('company-name').fill('Imereti Bakery');
  await page.getByTestId('company-industry').fill('Food');
  await page.getByTestId('company-save').click();
  await page.waitForURL(/\/companies\/[0-9a-f-]{36}$/);
  expect(await page.getByTestId('company-title').textContent()).toBe('Imereti Bakery');

  // A contact linked to it, through the "n" quick-create dialog.
  await page.getByTestId('company-title').click();
  await page.keyboard.press('n');
  await page.getByTestId('quick-first-name').fill('Levan');
  await page.getByTestId('quick-last-name').fill('Gelashvili');
  await page.getByTestId('quick-email').fill('levan@example.ge');
  await page.getByTestId('quick-company').click();
  await page.getByTestId('quick-company').fill('Imereti');
  await page.getByRole('option', { name: 'Imereti Bakery' }).click();
  await page.getByTestId('quick-contact-save').click();
  await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
  const contactUrl = page.url();
  expect(await page.getByTestId('person-name').textContent()).toBe('Levan Gelashvili');
  await page.getByTestId('related-company').filter({ hasText: 'Imereti Bakery' }).waitFor();
  await page.getByTestId('person-company').filter({ hasText: 'Imereti Bakery' }).waitFor();

  // A note on the timeline, with light formatting.
  await page.getByTestId('timeline-body').fill('Wants **weekly** deliveries of bread');
  await page.getByTestId('timeline-submit').click();
  const note = page.getByTestId('timeline-item').filter({ hasText: 'deliveries of bread' });
  await note.waitFor();
  expect(await note.locator('strong').textContent()).toBe('weekly');
  await shot(page, '01-detail-with-note');

  // A task: add it, see it, complete it.
  await page.getByTestId('task-title').fill('Send the price list');
  await page.getByTestId('task-add').click();
  const task = page.getByTestId('task-row').filter({ hasText: 'Send the price list' });
  await task.waitFor();
  expect(await task.getAttribute('data-status')).toBe('open');
  const taskId = await task.getAttribute('data-task-id');
  await task.getByTestId('task-complete').click();
  // Done tasks leave the open list; the server has it as done.
  await task.waitFor({ state: 'detached' });
  await expect
    .poll(
      async () =>
        (
          (await (await page.request.get(`${kap.baseUrl()}/api/v1/tasks/${taskId}`)).json()) as {
            status: string;
          }
        ).status,
    )
    .toBe('done');
  await shot(page, '02-task-done');

  // Ctrl-K search from another page finds the contact and opens it.
  await page.goto(`${kap.baseUrl()}/companies`);
  await page.getByTestId('companies-table').waitFor();
  await page.keyboard.press('Control+k');
  await page.getByTestId('search-input').fill('Gelash');
  const hit = page.getByTestId('search-result').filter({ hasText: 'Levan Gelashvili' });
  await hit.waitFor();
  await shot(page, '03-search');
  await docShot(page, 'global-search');
  await page.getByTestId('search-input').press('Enter');
  await page.waitForURL(contactUrl);
  await page.getByTestId('person-name').waitFor();
}
