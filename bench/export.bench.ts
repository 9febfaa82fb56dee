// Export at scale: Kap's POST /api/v1/exports (over a real loopback socket, CSV and xlsx, the
// list's default columns and all columns) against a raw `COPY (select …) TO STDOUT` of the same
// rows and columns through psql, in one run; rows/s and the Kap process's peak RSS. Kap's CSV is
// itself a COPY (the columns as SQL, see modules/exports/README.md); xlsx reads a cursor.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kapbenchexport npx tsx bench/export.bench.ts [--people 200000]
// The database named by DATABASE_URL (must be kapbench…) is dropped and created again first.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { limitHeapGrowth } from '../apps/server/src/index.ts';
import { benchAccount, benchDatabaseName, dropAndCreateDatabase, loggedInApp } from './bench-setup.ts';
import { seedCustomer360 } from './customer360-seed.ts';
import { openBenchDatabase } from './lib.ts';
import { megabytes, withPeakMemory } from './memory.ts';

// As Kap's own processes do (apps/cli/src/main.ts): V8's heap kept near what is alive.
limitHeapGrowth();

const { values } = parseArgs({
  options: { people: { type: 'string', default: '200000' }, reuse: { type: 'boolean', default: false } },
});
const peopleCount = Number(values.people);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('Set DATABASE_URL to a kapbench… database on the PostgreSQL server');
benchDatabaseName(databaseUrl, 'DATABASE_URL must name a database called kapbench…');
if (!values.reuse) await dropAndCreateDatabase(databaseUrl);

const database = await openBenchDatabase();
const { email, password, userId, workspaceId, reused } = await benchAccount(
  database,
  'Bench export',
  values.reuse,
);
if (!reused) {
  const started = performance.now();
  // The tables' own triggers (search terms, indexed custom-field values) are off while seeding:
  // they are most of the cost of writing people (a million took over an hour on a loaded
  // machine), and no export of this bench reads them (no search text, no custom-field filter).
  await database.pool.query(
    'alter table people disable trigger user; alter table companies disable trigger user',
  );
  await seedCustomer360(database.pool, {
    workspaceId,
    userId,
    people: peopleCount,
    companies: Math.max(10, Math.round(peopleCount / 10)),
    withTimeline: 0,
  });
  await database.pool.query(
    'alter table people enable trigger user; alter table companies enable trigger user',
  );
  await database.pool.query('analyze');
  console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const rowCount = Number(
  (await database.pool.query('select count(*) as n from people where workspace_id = $1', [workspaceId]))
    .rows[0].n,
);
console.log(
  `Kap export bench — ${database.label}, ${rowCount.toLocaleString('en')} people (machine shared with other work)`,
);

const { app, cookie } = await loggedInApp(database, email, password);
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as AddressInfo).port;

/** Peak RSS of this process (the Kap server, and the byte-counting client) while `work` runs. */
async function withPeakRss<T>(
  work: () => Promise<T>,
): Promise<{ result: T; peakMb: number; heapAtPeakMb: number }> {
  const { result, atPeak } = await withPeakMemory(work, 20);
  return { result, peakMb: megabytes(atPeak.rss), heapAtPeakMb: megabytes(atPeak.heapTotal) };
}

function kapExport(payload: object): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/v1/exports',
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
      },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`export answered ${res.statusCode}`));
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        res.on('end', () => resolve(bytes));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(payload));
  });
}

/** The list's default columns, in the list's default order, as plain SQL. */
const RAW_SELECT = `select first_name, last_name,
    (select e->>'email' from jsonb_array_elements(emails) e order by (e->>'isPrimary')::boolean desc limit 1),
    (select p->>'number' from jsonb_array_elements(phones) p order by (p->>'isPrimary')::boolean desc limit 1),
    lifecycle_stage, created_at
  from people where workspace_id = '${workspaceId}' order by created_at desc, id desc`;

function rawCopy(): Promise<number> {
  return new Promise((resolve, reject) => {
    const psql = spawn('psql', [
      databaseUrl as string,
      '-X',
      '-q',
      '-c',
      `\\copy (${RAW_SELECT.replace(/\n/g, ' ')}) to stdout with (format csv, header)`,
    ]);
    let bytes = 0;
    psql.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    psql.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    psql.on('error', reject);
    psql.on('close', (code) => (code === 0 ? resolve(bytes) : reject(new Error(`psql exited ${code}`))));
  });
}

type TRun = {
  label: string;
  seconds: number;
  cpuSeconds: number;
  bytes: number;
  peakMb: number;
  heapAtPeakMb: number;
};

async function measure(label: string, work: () => Promise<number>): Promise<TRun> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { result, peakMb, heapAtPeakMb } = await withPeakRss(work);
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const seconds = (performance.now() - started) / 1000;
  return { label, seconds, cpuSeconds, bytes: result, peakMb, heapAtPeakMb };
}

const baselineMb = process.memoryUsage.rss() / 1024 / 1024;
const runs: TRun[] = [];
runs.push(await measure('raw COPY TO STDOUT (psql, CSV)', rawCopy));
runs.push(await measure('Kap CSV, list columns', () => kapExport({ objectType: 'person', format: 'csv' })));
runs.push(
  await measure('Kap CSV, all columns', () =>
    kapExport({ objectType: 'person', format: 'csv', columns: 'all' }),
  ),
);
runs.push(await measure('Kap xlsx, list columns', () => kapExport({ objectType: 'person', format: 'xlsx' })));
runs.push(
  await measure('Kap xlsx, all columns', () =>
    kapExport({ objectType: 'person', format: 'xlsx', columns: 'all' }),
  ),
);

const raw = runs[0] as TRun;
console.log(`\nrows: ${rowCount.toLocaleString('en')}; Kap process RSS before: ${baselineMb.toFixed(0)} MB`);
for (const run of runs) {
  const rate = rowCount / run.seconds;
  console.log(
    `  ${run.label.padEnd(34)} ${run.seconds.toFixed(2).padStart(7)} s  ${Math.round(rate).toLocaleString('en').padStart(9)} rows/s  ` +
      `${(run.bytes / 1024 / 1024).toFixed(1).padStart(6)} MB  ratio to COPY ${(raw.seconds / run.seconds).toFixed(2)}  ` +
      `Kap process CPU ${run.cpuSeconds.toFixed(1)} s  peak RSS ${run.peakMb.toFixed(0)} MB (V8 heap ${run.heapAtPeakMb.toFixed(0)} MB)`,
  );
}
await app.close();
await database.close();
