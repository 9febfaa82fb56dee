// Browser test of the first-run path: sign up, log out, log in, create a contact, find it in the list,
// and switch the UI to Armenian. Starts its own Kap (fresh data directory, free port) and drives the
// system Chromium through playwright-core. Screenshots go to test-artifacts/screenshots/foundation/.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS_DIR = join(ROOT, 'test-artifacts/screenshots/foundation');
const hasChromium = existsSync(CHROMIUM_PATH);

let server: ChildProcess | undefined;
let serverLog = '';
let dataDir = '';
let baseUrl = '';
let browser: Browser | undefined;

function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server?.exitCode !== null && server?.exitCode !== undefined) {
      throw new Error(`Kap exited early (code ${server.exitCode}):\n${serverLog}`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`Kap did not become healthy within ${timeoutMs} ms:\n${serverLog}`);
}

async function stopServer(): Promise<void> {
  const child = server;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  if (!hasChromium) return;
  // The server serves apps/web/dist; make sure it reflects the current sources.
  const build = spawnSync(process.execPath, ['scripts/build-web-if-stale.mjs'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('Building the web app failed');

  mkdirSync(SHOTS_DIR, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'kap-e2e-foundation-'));
  const port = await findFreePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['apps/cli/bin/kap.mjs', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, KAP_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk: Buffer) => {
    serverLog += chunk.toString();
  });
  server.stderr?.on('data', (chunk: Buffer) => {
    serverLog += chunk.toString();
  });
  await waitForHealth(baseUrl, 45_000);

  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  console.log(`Screenshots: ${SHOTS_DIR}`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stopServer();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

test.skipIf(!hasChromium)(
  'sign up, log out, log in, create a contact, switch to Armenian',
  async () => {
    if (!browser) throw new Error('Chromium did not start');
    // An English browser, so the default language is deterministic before the explicit switch.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const browserLog: string[] = [];
    page.on('console', (message) => browserLog.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => browserLog.push(`pageerror: ${error.message}`));
    try {
      await runScenario(page);
    } catch (error) {
      // Leave evidence: where the browser was, what it showed and what it logged.
      await shot(page, 'failure').catch(() => undefined);
      console.error(
        `Failed at ${page.url()}\nBrowser log:\n${browserLog.join('\n')}\nServer log (tail):\n${serverLog.slice(-3000)}`,
      );
      throw error;
    } finally {
      await context.close();
    }
  },
  90_000,
);

async function runScenario(page: Page): Promise<void> {
  const email = 'owner@example.com';
  const password = 'a long enough password';

  // A fresh install opens on sign-up.
  await page.goto(`${baseUrl}/`);
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
  expect(await page.getByTestId('create-person-button').textContent()).toBe('Նոր կոնտակտ');
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Կոնտակտներ');
  await expect
    .poll(
      async () =>
        ((await (await page.request.get(`${baseUrl}/api/v1/me`)).json()) as { user: { locale: string } }).user
          .locale,
    )
    .toBe('hy');
  await shot(page, '07-contacts-armenian');

  // It survives a reload.
  await page.reload();
  await expect.poll(() => page.getByTestId('nav-settings').textContent()).toBe('Կարգավորումներ');
}
