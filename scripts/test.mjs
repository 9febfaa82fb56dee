// `npm test`: everything this machine can run.
// 1. unit + integration tests on Kap's embedded PostgreSQL 18;
// 2. the same again on the PostgreSQL server at KAP_TEST_DATABASE_URL, when set;
// 3. browser tests when a Chromium is found (CHROMIUM_PATH or /usr/bin/chromium), else says so.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const passthrough = process.argv.slice(2);
const results = [];

function run(title, args, env = {}) {
  console.log(`\n━━━ ${title} ━━━`);
  const started = Date.now();
  const result = spawnSync('npx', ['vitest', 'run', ...args, ...passthrough], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  results.push({ title, ok: result.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}

run('Unit + integration tests on embedded PostgreSQL 18', [], { KAP_TEST_TARGET: 'embedded' });

if (process.env.KAP_TEST_DATABASE_URL) {
  run('Unit + integration tests on KAP_TEST_DATABASE_URL', [], { KAP_TEST_TARGET: 'server' });
} else {
  console.log('\nKAP_TEST_DATABASE_URL is not set: the PostgreSQL-server run was SKIPPED.');
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(chromium)) {
  const build = spawnSync('node', ['scripts/build-web-if-stale.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) results.push({ title: 'Build the web app', ok: false, seconds: 0 });
  else {
    const browserTests = ['--config', 'e2e/vitest.config.ts'];
    run('Browser tests (Chromium) on embedded PostgreSQL 18', browserTests, {
      CHROMIUM_PATH: chromium,
      KAP_E2E_DATABASE_URL: '',
    });
    if (process.env.KAP_TEST_DATABASE_URL) {
      run('Browser tests (Chromium) on KAP_TEST_DATABASE_URL', browserTests, {
        CHROMIUM_PATH: chromium,
        KAP_E2E_DATABASE_URL: process.env.KAP_TEST_DATABASE_URL,
      });
    }
  }
} else {
  console.log(`\nNo Chromium at ${chromium}: the browser tests were SKIPPED (set CHROMIUM_PATH or apt-get install chromium).`);
}

console.log('\n━━━ Summary ━━━');
for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.title}  (${r.seconds} s)`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
