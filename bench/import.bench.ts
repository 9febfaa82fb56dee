// People import: Kap's import engine end to end (read the stored file, parse, validate, dedupe,
// bulk write with identifiers and search terms) against a raw `COPY` of the same valid rows into
// the same table with the same indexes, in one run. Needs the PostgreSQL server (server-side COPY):
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kap_bench npx tsx bench/import.bench.ts [--rows 1000000]

import { once } from 'node:events';
import { createWriteStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { sql } from 'kysely';
import { limitHeapGrowth } from '../apps/server/src/index.ts';
import { makeSharedTempDir, runImportTimed, signUpBenchOwner, uploadImportFile } from './import-run.ts';
import { openBenchDatabase } from './lib.ts';
import { startMemorySampler } from './memory.ts';

// As Kap's own processes do (apps/cli/src/main.ts): V8's heap kept near what is alive.
limitHeapGrowth();

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, batch: { type: 'string', default: '5000' } },
});
const rowCount = Number(values.rows);
if (!process.env.DATABASE_URL)
  throw new Error('Set DATABASE_URL to the PostgreSQL server (the COPY baseline reads a server-side file)');

/** What the process held when its RSS peaked: V8's heap (used, reserved) and memory outside it. */
const memory = startMemorySampler(50);

const FIRST = [
  'Anna',
  'Արամ',
  'Նարե',
  'გიორგი',
  'ნინო',
  'Jonas',
  'Rūta',
  'Žydrūnas',
  'Ольга',
  'Maria',
  'José',
  'Zoë',
  'Łukasz',
  'Søren',
];
const LAST = [
  'Petrosyan',
  'Հակոբյան',
  'ბერიძე',
  'Kazlauskas',
  'Žemaitytė',
  'Иванова',
  'Müller',
  'García',
  "O'Brien",
  'Nowak',
];
const CITIES = ['Yerevan', 'Tbilisi', 'Vilnius', 'Kaunas', 'Gyumri', 'Batumi', 'Riga'];

/** The CSV: 2% invalid emails, 5% repeating an earlier row's email (different case). */
async function writeCsv(path: string): Promise<{ valid: number; duplicates: number; invalid: number }> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('First Name,Last Name,E-mail Address,Mobile Phone,City\n');
  let invalid = 0;
  let duplicates = 0;
  for (let i = 0; i < rowCount; i++) {
    const first = FIRST[i % FIRST.length] ?? '';
    const last = LAST[(i * 7) % LAST.length] ?? '';
    const city = CITIES[i % CITIES.length] ?? '';
    let email = `person${i}@import.bench`;
    if (i % 50 === 7) {
      email = `person${i}-at-import.bench`;
      invalid++;
    } else if (i % 20 === 3 && i > 1000 && (i - 1001) % 50 !== 7) {
      // Row i - 1001 is neither invalid nor a duplicate itself (i - 1001 ≡ 2 mod 20).
      email = `PERSON${i - 1001}@import.bench`;
      duplicates++;
    }
    const last2 = last.includes("'") ? `"${last}"` : last;
    await write(`${first},${last2},${email},+3749${String(1_000_000 + i).slice(-7)},${city}\n`);
  }
  out.end();
  await once(out, 'finish');
  return { valid: rowCount - invalid - duplicates, duplicates, invalid };
}

const database = await openBenchDatabase();
const dir = makeSharedTempDir('kap-import-bench-');
try {
  const file = join(dir, 'people.csv');
  const expected = await writeCsv(file);
  console.log(
    `Kap import bench — ${database.label}, ${rowCount.toLocaleString('en')} rows (${expected.invalid} invalid, ${expected.duplicates} duplicates)`,
  );
  const { actor, ...account } = await signUpBenchOwner(database.db, 'Import bench');
  const mapping = {
    columns: [
      { column: 'First Name', target: 'firstName' },
      { column: 'Last Name', target: 'lastName' },
      { column: 'E-mail Address', target: 'email' },
      { column: 'Mobile Phone', target: 'mobilePhone' },
      { column: 'City', target: 'addressCity' },
    ],
  };

  const rssBefore = memory.restart().rss;
  const uploadStarted = performance.now();
  const imported = await uploadImportFile(database.db, actor, file, 'people.csv', {
    objectType: 'person',
    mapping: JSON.stringify(mapping),
    match: 'email',
    mode: 'skip',
  });
  const uploadSeconds = (performance.now() - uploadStarted) / 1000;
  const {
    outcome,
    seconds: kapSeconds,
    result,
  } = await runImportTimed(database.db, actor, imported.id, { batchSize: Number(values.batch) });
  const kapPeak = memory.atPeak();
  const kapPeakRss = kapPeak.rss;
  console.log(
    `  Kap import: ${outcome}; created ${result.created}, skipped ${result.skipped}, rejected ${result.rejected}`,
  );
  if (result.created !== expected.valid) console.log(`  !! expected ${expected.valid} created`);

  // Baseline: the same valid rows (as Kap stored them) into people of another workspace by COPY.
  const other = await signUpBenchOwner(database.db, 'Copy bench', 'copy');
  const copyFile = join(dir, 'copy.csv');
  const columns =
    'workspace_id, id, first_name, last_name, emails, phones, addresses, owner_id, created_by, updated_by';
  await sql
    .raw(
      `copy (select '${other.workspaceId}'::uuid, gen_random_uuid(), first_name, last_name, emails, phones, addresses, owner_id, created_by, updated_by
               from people where workspace_id = '${account.workspaceId}') to '${copyFile}' with (format csv)`,
    )
    .execute(database.db);
  const copyStarted = performance.now();
  await sql.raw(`copy people (${columns}) from '${copyFile}' with (format csv)`).execute(database.db);
  const copySeconds = (performance.now() - copyStarted) / 1000;

  const kapRate = rowCount / kapSeconds;
  const copyRate = result.created / copySeconds;
  console.log(
    `  Kap engine   ${kapSeconds.toFixed(1).padStart(7)} s  ${Math.round(kapRate).toLocaleString('en').padStart(9)} file rows/s  (${Math.round(result.created / kapSeconds).toLocaleString('en')} people written/s)`,
  );
  console.log(
    `  + upload     ${uploadSeconds.toFixed(1).padStart(7)} s  (streaming the file into PostgreSQL, ${Math.round(rowCount / (uploadSeconds + kapSeconds)).toLocaleString('en')} rows/s end to end)`,
  );
  console.log(
    `  raw COPY     ${copySeconds.toFixed(1).padStart(7)} s  ${Math.round(copyRate).toLocaleString('en').padStart(9)} rows/s (${result.created} valid rows, same table and indexes)`,
  );
  console.log(
    `  ratio        Kap file rows/s ÷ COPY rows/s = ${(kapRate / copyRate).toFixed(2)}   people written/s ÷ COPY = ${(result.created / kapSeconds / copyRate).toFixed(2)}`,
  );
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  console.log(
    `  peak RSS of this process during upload + import: ${mb(kapPeakRss)} MB (${mb(rssBefore)} MB before it, with Node, tsx and the modules loaded; V8 heap limit ${mb(v8.getHeapStatistics().heap_size_limit)} MB)`,
  );
  console.log(
    `  at the peak: V8 heap ${mb(kapPeak.heapUsed)} MB used of ${mb(kapPeak.heapTotal)} MB reserved, ${mb(kapPeak.external)} MB outside the heap (${mb(kapPeak.arrayBuffers)} MB of buffers)`,
  );
} finally {
  memory.stop();
  rmSync(dir, { recursive: true, force: true });
  await database.close();
}
