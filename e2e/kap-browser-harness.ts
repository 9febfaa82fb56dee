// What every browser test needs: a fresh Kap on a free port with its own data directory (the web app
// rebuilt first if its sources changed), a headless system Chromium, screenshots into
// test-artifacts/screenshots/<area>/, and on failure the page, browser log and server log.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

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

export type TKapBrowser = {
  /** The running Kap, e.g. http://127.0.0.1:41234 (set once `beforeAll` has run). */
  baseUrl: () => string;
  shot: (page: Page, name: string) => Promise<void>;
  /** A Chromium test: a fresh context and page, with evidence printed if `scenario` fails. */
  browserTest: (
    title: string,
    options: { viewport: { width: number; height: number }; stepTimeoutMs: number; timeoutMs: number },
    scenario: (page: Page) => Promise<void>,
  ) => void;
};

/**
 * With KAP_E2E_DATABASE_URL (a PostgreSQL server; `npm test` passes KAP_TEST_DATABASE_URL), each
 * test file's Kap runs on a database of its own there, created here and dropped afterwards;
 * without it, on the embedded PostgreSQL in a fresh data directory.
 */
async function createServerDatabase(area: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = new URL(process.env.KAP_E2E_DATABASE_URL as string);
  const name = `kap_e2e_${area.replace(/\W/g, '_')}_${process.pid}_${Date.now()}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({
      connectionString: Object.assign(new URL(base), { pathname: '/postgres' }).toString(),
    });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  return {
    url: Object.assign(new URL(base), { pathname: `/${name}` }).toString(),
    drop: () => admin(`drop database if exists ${name} with (force)`),
  };
}

export function useKapInBrowser(area: string): TKapBrowser {
  const shotsDir = join(ROOT, 'test-artifacts/screenshots', area);
  let server: ChildProcess | undefined;
  let serverLog = '';
  let dataDir = '';
  let serverDatabase: Awaited<ReturnType<typeof createServerDatabase>> | undefined;
  let baseUrl = '';
  let browser: Browser | undefined;

  async function waitForHealth(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (server?.exitCode !== null && server?.exitCode !== undefined) {
        throw new Error(`Kap exited early (code ${server.exitCode}):\n${serverLog}`);
      }
      try {
        if ((await fetch(`${baseUrl}/api/health`)).status === 200) return;
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

  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    if (!hasChromium) return;
    // The server serves apps/web/dist; make sure it reflects the current sources.
    const build = spawnSync(process.execPath, ['scripts/build-web-if-stale.mjs'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('Building the web app failed');
    mkdirSync(shotsDir, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), `kap-e2e-${area}-`));
    if (process.env.KAP_E2E_DATABASE_URL) serverDatabase = await createServerDatabase(area);
    const port = await findFreePort();
    baseUrl = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['apps/cli/bin/kap.mjs', 'serve'], {
      cwd: ROOT,
      env: {
        ...process.env,
        KAP_DATA_DIR: dataDir,
        DATABASE_URL: serverDatabase?.url ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk: Buffer) => {
      serverLog += chunk.toString();
    });
    server.stderr?.on('data', (chunk: Buffer) => {
      serverLog += chunk.toString();
    });
    await waitForHealth(45_000);
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
    console.log(`Kap on ${serverDatabase?.url ?? 'its embedded PostgreSQL'}; screenshots: ${shotsDir}`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stopServer();
    await serverDatabase?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  const browserTest: TKapBrowser['browserTest'] = (title, options, scenario) => {
    test.skipIf(!hasChromium)(
      title,
      async () => {
        if (!browser) throw new Error('Chromium did not start');
        // An English browser, so the default language is deterministic.
        const context = await browser.newContext({ viewport: options.viewport, locale: 'en-US' });
        const page = await context.newPage();
        // Generous per-step timeouts: the machine may be busy with other builds and tests.
        page.setDefaultTimeout(options.stepTimeoutMs);
        const browserLog: string[] = [];
        page.on('console', (message) => browserLog.push(`${message.type()}: ${message.text()}`));
        page.on('pageerror', (error) => browserLog.push(`pageerror: ${error.message}`));
        try {
          await scenario(page);
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
      options.timeoutMs,
    );
  };

  return { baseUrl: () => baseUrl, shot, browserTest };
}
