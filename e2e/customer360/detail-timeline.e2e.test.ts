// Browser test of the customer 360 page: create a company and a contact linked to it, add a note on the
// timeline, add a task and complete it, then find the contact with Ctrl-K search. Starts its own Kap
// (fresh data directory, free port) and drives the system Chromium through playwright-core.
// Screenshots go to test-artifacts/screenshots/customer360/.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS_DIR = join(ROOT, 'test-artifacts/screenshots/customer360');
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
  dataDir = mkdtempSync(join(tmpdir(), 'kap-e2e-c360-'));
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
  'company + linked contact, timeline note, task done, Ctrl-K search',
  async () => {
    if (!browser) throw new Error('Chromium did not start');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    // Generous per-step timeout: the machine may be busy with other builds and tests.
    page.setDefaultTimeout(15_000);
    const browserLog: string[] = [];
    page.on('console', (message) => browserLog.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => browserLog.push(`pageerror: ${error.message}`));
    try {
      await runScenario(page);
    } catch (error) {
      await shot(page, 'failure').catch(() => undefined);
      console.error(
        `Failed at ${page.url()}\nBrowser log:\n${browserLog.join('\n')}\nServer log (tail):\n${serverLog.slice(-3000)}`,
      );
      throw error;
    } finally {
      await context.close();
    }
  },
  60_000,
);

async function runScenario(page: Page): Promise<void> {
  // Sign up through the API (the foundation test covers the form); the session cookie lands in the context.
  const signup = await page.request.post(`${baseUrl}/api/v1/auth/signup`, {
    data: {
      workspaceName: 'Kutaisi Foods',
      name: 'Tamar Kapanadze',
      email: 'tamar@example.ge',
      password: 'a long enough password',
    },
  });
  expect(signup.status()).toBe(201);

  // A company, through the companies page.
  await page.goto(`${baseUrl}/companies`);
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
        ((await (await page.request.get(`${baseUrl}/api/v1/tasks/${taskId}`)).json()) as { status: string })
          .status,
    )
    .toBe('done');
  await shot(page, '02-task-done');

  // Ctrl-K search from another page finds the contact and opens it.
  await page.goto(`${baseUrl}/companies`);
  await page.getByTestId('companies-table').waitFor();
  await page.keyboard.press('Control+k');
  await page.getByTestId('search-input').fill('Gelash');
  const hit = page.getByTestId('search-result').filter({ hasText: 'Levan Gelashvili' });
  await hit.waitFor();
  await shot(page, '03-search');
  await page.getByTestId('search-input').press('Enter');
  await page.waitForURL(contactUrl);
  await page.getByTestId('person-name').waitFor();
}
