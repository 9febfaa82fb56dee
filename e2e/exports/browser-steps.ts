// Steps the export and import browser tests share: a workspace of one's own through the API with
// the page's session, and documentation screenshots into docs/screenshots/<area>/.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

// Read by the Kap that the harness starts (beforeAll), so every test may sign up its own workspace.
process.env.KAP_OPEN_SIGNUP = 'true';

export const VIEWPORT = { width: 1360, height: 900 };
export const TIMING = { viewport: VIEWPORT, stepTimeoutMs: 20_000, timeoutMs: 180_000 };

export async function signUpWorkspace(page: Page, baseUrl: string, workspaceName: string): Promise<string> {
  const email = `ani-${randomUUID().slice(0, 8)}@example.am`;
  const response = await page.request.post(`${baseUrl}/api/v1/auth/signup`, {
    data: { workspaceName, name: 'Ani Sargsyan', email, password: 'a long enough password' },
  });
  expect(response.status(), await response.text()).toBe(201);
  return email;
}

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

/** A screenshot kept in the repository (docs/screenshots/<area>/<name>.png), after transitions settle. */
export async function docShot(page: Page, area: string, name: string, fullPage = false): Promise<void> {
  const dir = resolve(import.meta.dirname, '../../docs/screenshots', area);
  mkdirSync(dir, { recursive: true });
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage });
}

/** `page.goto`, waiting out a web build in progress (the server answers 404 for pages meanwhile). */
export async function openPage(page: Page, url: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await page.goto(url);
    if ((response?.status() ?? 0) < 400 || attempt >= 20) return;
    await page.waitForTimeout(3000);
  }
}

export const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });
