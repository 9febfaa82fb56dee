// The contacts list in a real browser on a big workspace: time to the first rows, then scrolling
// the virtualised table down through many pages (each a keyset request), with the frame times the
// browser reports while it scrolls. Runs against the database the Customer 360 bench seeded:
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kapbench360 npx tsx bench/contacts-list.browser.bench.ts
// (needs /usr/bin/chromium or CHROMIUM_PATH, and the web app built: node scripts/build-web-if-stale.mjs)
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { percentile } from './lib.ts';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '3977' }, rows: { type: 'string', default: '2500' } },
});
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('Set DATABASE_URL to the Customer 360 bench database');
const wantedRows = Number(values.rows);
const root = resolve(import.meta.dirname, '..');
const baseUrl = `http://127.0.0.1:${values.port}`;

const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
const account = await client.query<{ email: string; people: number }>(
  `select u.email, (select count(*)::int from people p where p.workspace_id = w.id) as people
     from workspaces w join memberships m on m.workspace_id = w.id join users u on u.id = m.user_id
    where w.name = 'Bench 360' order by w.created_at desc limit 1`,
);
await client.end();
const found = account.rows[0];
if (!found) throw new Error('No "Bench 360" workspace: run bench/customer360.bench.ts first');

const server = spawn(process.execPath, ['apps/cli/bin/kap.mjs', 'serve'], {
  cwd: root,
  env: {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: values.port,
    KAP_WORKERS: 'false',
    LOG_LEVEL: 'warn',
  },
  stdio: 'ignore',
});
try {
  for (let i = 0; ; i++) {
    if ((await fetch(`${baseUrl}/api/health`).catch(() => null))?.ok) break;
    if (i > 120) throw new Error('Kap did not start');
    await new Promise((done) => setTimeout(done, 500));
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const pageRequests: number[] = [];
  const started = new Map<string, number>();
  page.on('request', (request) => {
    if (/\/api\/v1\/people\?/.test(request.url())) started.set(request.url(), performance.now());
  });
  page.on('requestfinished', (request) => {
    const at = started.get(request.url());
    if (at !== undefined) pageRequests.push(performance.now() - at);
  });

  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-email').fill(found.email);
  await page.getByTestId('login-password').fill('bench password 123');
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/(contacts|home|$)/);
  const opened = performance.now();
  await page.goto(`${baseUrl}/contacts`);
  await page.getByTestId('people-row').first().waitFor();
  const firstRowsMs = performance.now() - opened;

  // Scroll as a user dragging the scrollbar would, and count the frames the browser draws.
  // (A string, not a function: tsx would wrap a function with helpers the page does not have.)
  const scrolled = (await page.evaluate(`(async (target) => {
    const scroller = document.querySelector('[data-testid="people-table"]');
    const frames = [];
    let last = performance.now();
    let running = true;
    const tick = (now) => {
      frames.push(now - last);
      last = now;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const begin = performance.now();
    const rowHeight = 41;
    while (scroller.scrollTop < target * rowHeight && performance.now() - begin < 120000) {
      scroller.scrollTop += 600;
      await new Promise((done) => setTimeout(done, 16));
    }
    running = false;
    return { ms: performance.now() - begin, frames, scrollTop: scroller.scrollTop };
  })(${wantedRows})`)) as { ms: number; frames: number[]; scrollTop: number };
  await page.screenshot({ path: `${root}/docs/screenshots/customer360/contacts-1m.png` });
  // The same page requests from outside the browser (keep-alive HTTP), with the browser idle:
  // what the server takes, apart from the browser's own rendering on the same two cores.
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  await browser.close();
  const direct: number[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const at = performance.now();
    const response = await fetch(
      `${baseUrl}/api/v1/people?sort=-createdAt&limit=50${cursor ? `&cursor=${cursor}` : ''}`,
      {
        headers: { cookie },
      },
    );
    cursor = ((await response.json()) as { nextCursor: string | null }).nextCursor;
    direct.push(performance.now() - at);
  }
  direct.sort((a, b) => a - b);

  const frames = scrolled.frames.slice(1).sort((a, b) => a - b);
  pageRequests.sort((a, b) => a - b);
  console.log(`Contacts list in Chromium — ${found.people.toLocaleString('en')} people in the workspace`);
  console.log(`  first rows shown           ${firstRowsMs.toFixed(0)} ms after opening /contacts`);
  console.log(
    `  scrolled ${wantedRows.toLocaleString('en')} rows           in ${(scrolled.ms / 1000).toFixed(1)} s, ${pageRequests.length} page requests`,
  );
  console.log(
    `  page request (browser)     p50 ${percentile(pageRequests, 50).toFixed(1)} ms   p95 ${percentile(pageRequests, 95).toFixed(1)} ms`,
  );
  console.log(
    `  same page over HTTP        p50 ${percentile(direct, 50).toFixed(1)} ms   p95 ${percentile(direct, 95).toFixed(1)} ms   (browser closed)`,
  );
  console.log(
    `  frame time while scrolling p50 ${percentile(frames, 50).toFixed(1)} ms   p95 ${percentile(frames, 95).toFixed(1)} ms   max ${Math.max(...frames).toFixed(0)} ms`,
  );
} finally {
  server.kill('SIGTERM');
}
