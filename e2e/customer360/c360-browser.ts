// Shared steps of the Customer 360 browser tests: a workspace of one's own (open sign-up, so the
// tests of a file stay independent), records seeded through the API with the page's session, and
// the documentation screenshots (docs/screenshots/customer360/) when KAP_DOC_SCREENSHOTS=1.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

// Read by the Kap that the harness starts (beforeAll), so every test may sign up its own workspace.
process.env.KAP_OPEN_SIGNUP = 'true';

const DOC_SHOTS = resolve(import.meta.dirname, '../../docs/screenshots/customer360');

export const VIEWPORT = { width: 1360, height: 900 };
export const TIMING = { viewport: VIEWPORT, stepTimeoutMs: 20_000, timeoutMs: 120_000 };

export async function signUpWorkspace(page: Page, baseUrl: string, workspaceName: string): Promise<void> {
  const response = await page.request.post(`${baseUrl}/api/v1/auth/signup`, {
    data: {
      workspaceName,
      name: 'Mariam Hakobyan',
      email: `mariam-${randomUUID().slice(0, 8)}@example.am`,
      password: 'a long enough password',
    },
  });
  expect(response.status(), await response.text()).toBe(201);
}

/** POST through the API as the signed-in user; returns the created record. */
export async function post<T = { id: string }>(
  page: Page,
  baseUrl: string,
  path: string,
  data: object,
): Promise<T> {
  const response = await page.request.post(`${baseUrl}${path}`, { data });
  expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()) as T;
}

export async function get<T>(page: Page, baseUrl: string, path: string): Promise<T> {
  const response = await page.request.get(`${baseUrl}${path}`);
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return (await response.json()) as T;
}

/** Choose an option of a Mantine Select (searchable or not) by its visible label. */
export async function pick(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

export async function docShot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (process.env.KAP_DOC_SCREENSHOTS !== '1') return;
  mkdirSync(DOC_SHOTS, { recursive: true });
  // Let transitions (radio ticks, popovers) settle so the picture shows the final state.
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(DOC_SHOTS, `${name}.png`), fullPage: options.fullPage ?? false });
}

/** The error message shown under a Mantine input (the element its aria-describedby names), or null. */
export async function errorUnder(page: Page, input: Locator): Promise<string | null> {
  const ids = (await input.getAttribute('aria-describedby'))?.split(' ') ?? [];
  for (const id of ids) {
    const element = page.locator(`[id="${id}"]`);
    if ((await element.getAttribute('class'))?.includes('error')) return element.textContent();
  }
  return null;
}

/** The ids of the rows the table shows now. */
export async function rowIds(page: Page, rowTestId: string, attribute: string): Promise<string[]> {
  const rows = page.getByTestId(rowTestId);
  const ids: string[] = [];
  for (const row of await rows.all()) ids.push((await row.getAttribute(attribute)) ?? '');
  return ids;
}

/** `expect.poll` with room for a busy machine (the default gives up after one second). */
export const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

/**
 * `page.goto` that waits out a web build in progress: the machine may rebuild apps/web/dist for
 * another test run, and while it does the server answers 404 for app pages. Bounded: about a minute.
 */
export async function openPage(page: Page, url: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await page.goto(url);
    const status = response?.status() ?? 0;
    if (status > 0 && status < 400) return;
    if (attempt >= 20) throw new Error(`${url} answered ${status} ${attempt} times`);
    console.warn(`${url} answered ${status}; the web app may be rebuilding, retrying`);
    await page.waitForTimeout(3_000);
  }
}
