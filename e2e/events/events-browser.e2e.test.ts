// Browser test of the event API's UI: an "events only" API key is created in Settings → API keys
// (and shown as such), it posts events, and the contact's timeline shows them with their channel.
// Documentation screenshots go to docs/screenshots/events/ when KAP_DOC_SCREENSHOTS=1.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { eventually, post, signUpWorkspace, TIMING } from '../customer360/c360-browser.ts';
import { useKapInBrowser } from '../kap-browser-harness.ts';

const kap = useKapInBrowser('events');
const DOC_SHOTS = resolve(import.meta.dirname, '../../docs/screenshots/events');

async function docShot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await kap.shot(page, name);
  if (process.env.KAP_DOC_SCREENSHOTS !== '1') return;
  mkdirSync(DOC_SHOTS, { recursive: true });
  await page.screenshot({ path: join(DOC_SHOTS, `${name}.png`) });
}

kap.browserTest(
  'an events-only key is made in settings and its events reach the timeline',
  TIMING,
  async (page) => {
    const base = kap.baseUrl();
    await signUpWorkspace(page, base, 'Gyumri Books');
    const person = await post(page, base, '/api/v1/people', {
      firstName: 'Lusine',
      lastName: 'Petrosyan',
      emails: [{ email: 'lusine@example.am' }],
    });

    await page.goto(`${base}/settings/api-keys`);
    await page.getByRole('button', { name: 'Create API key' }).click();
    await page.getByTestId('api-key-name').fill('Online shop');
    await page.getByTestId('api-key-role').click();
    await page.getByRole('option', { name: 'Manager', exact: true }).click();
    await page.getByTestId('api-key-access-events').click();
    await eventually(() => page.getByText('Safe to put in a shop').isVisible()).toBe(true);
    await docShot(page, 'api-key-events-scope');
    await page.getByTestId('api-key-save').click();
    const key = (await page.getByTestId('created-api-key').textContent())?.trim() ?? '';
    expect(key).toMatch(/^kap_[\w-]+$/);
    await page.getByTestId('close-created-key').click();
    await eventually(() => page.getByTestId('api-key-scope').textContent()).toBe('Events only');
    await docShot(page, 'api-keys-table');

    // The shop sends a visitor's browsing, then their sign-in (anonymous id + email), by the key.
    const day = 86_400_000;
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * day).toISOString();
    const send = (events: object[]) =>
      page.request.post(`${base}/api/v1/events`, {
        headers: { authorization: `Bearer ${key}` },
        data: { events },
      });
    const browsing = await send([
      {
        id: 'ev-1',
        type: 'page_view',
        channel: 'web',
        occurredAt: at(3),
        properties: { url: '/books/poetry' },
        person: { anonymousId: 'cookie-77' },
      },
      {
        id: 'ev-2',
        type: 'product_viewed',
        channel: 'web',
        occurredAt: at(2),
        properties: { sku: 'BK-1042', title: 'Tumanyan, Poems' },
        person: { anonymousId: 'cookie-77' },
      },
      { id: 'ev-3', type: 'bad', channel: 'fax', occurredAt: at(2), person: { anonymousId: 'cookie-77' } },
    ]);
    expect(browsing.status()).toBe(207);
    const signIn = await send([
      {
        id: 'ev-4',
        type: 'checkout_started',
        channel: 'web',
        occurredAt: at(1),
        properties: { cart: 2 },
        person: { anonymousId: 'cookie-77', email: 'lusine@example.am' },
      },
      {
        id: 'ev-5',
        type: 'store_visit',
        channel: 'store',
        occurredAt: at(0.2),
        properties: { store: 'Gyumri centre' },
        person: { email: 'lusine@example.am' },
      },
    ]);
    expect(signIn.status(), await signIn.text()).toBe(200);
    // The key may send events and nothing else.
    expect(
      (
        await page.request.get(`${base}/api/v1/people`, { headers: { authorization: `Bearer ${key}` } })
      ).status(),
    ).toBe(403);

    await page.goto(`${base}/contacts/${person.id}`);
    const events = page.locator('[data-testid="timeline-item"][data-kind="event"]');
    await eventually(() => events.count()).toBe(4);
    await eventually(() => events.first().textContent()).toContain('Store visit');
    const chipId = await page.getByTestId('timeline-kind-event').getAttribute('id');
    await page.locator(`label[for="${chipId}"]`).click();
    await eventually(() => page.getByTestId('timeline-item').count()).toBe(4);
    await docShot(page, 'contact-timeline-events');
  },
);
