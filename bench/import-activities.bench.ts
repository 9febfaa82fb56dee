// Activities import and re-import: the first run creates every row, the second run of the same
// file must create nothing (each row is found by its import key — a hash of the row — or by its
// external id). Both runs against a raw `COPY` of the same rows into the same table, in one run.
// Needs the PostgreSQL server (server-side COPY):
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kap_bench npx tsx bench/import-activities.bench.ts [--rows 200000]

import { once } from 'node:events';
import { createWriteStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { withWorkspace } from '../apps/server/src/index.ts';
import { makeSharedTempDir, runImportTimed, signUpBenchOwner, uploadImportFile } from './import-run.ts';
import { openBenchDatabase } from './lib.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '200000' } } });
const rowCount = Number(values.rows);
if (!process.env.DATABASE_URL)
  throw new Error('Set DATABASE_URL to the PostgreSQL server (the COPY baseline reads a server-side file)');

const TYPES = ['note', 'meeting', 'storeVisit', 'other'];

async function writeCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  await once(out, 'open');
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('Activity id,Type,When,Subject,Notes\n');
  for (let i = 0; i < rowCount; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const hour = String(i % 24).padStart(2, '0');
    await write(
      `act-${i},${TYPES[i % TYPES.length]},2025-03-${day} ${hour}:00,Visit ${i},Talked about order ${i % 977}\n`,
    );
  }
  out.end();
  await once(out, 'finish');
}

const database = await openBenchDatabase();
const dir = makeSharedTempDir('kap-activities-bench-');
try {
  const file = join(dir, 'activities.csv');
  await writeCsv(file);
  console.log(`Kap activities import bench — ${database.label}, ${rowCount.toLocaleString('en')} rows`);
  const { actor, ...account } = await signUpBenchOwner(database.db, 'Activities bench');
  const columns = [
    { column: 'Type', target: 'type' },
    { column: 'When', target: 'occurredAt' },
    { column: 'Subject', target: 'subject' },
    { column: 'Notes', target: 'body' },
  ];
  const withKey = { columns: [...columns, { column: 'Activity id', target: null }] };
  const withExternalId = {
    columns: [...columns, { column: 'Activity id', target: 'externalId' }],
    options: { externalIdSource: 'bench' },
  };

  async function runOnce(label: string, mapping: object) {
    const imported = await uploadImportFile(database.db, actor, file, 'activities.csv', {
      objectType: 'activity',
      mapping: JSON.stringify(mapping),
      mode: 'skip',
    });
    const { outcome, seconds, result } = await runImportTimed(database.db, actor, imported.id);
    console.log(
      `  ${label.padEnd(28)} ${seconds.toFixed(1).padStart(6)} s  ${Math.round(rowCount / seconds)
        .toLocaleString('en')
        .padStart(
          8,
        )} rows/s  ${outcome}: created ${result.created}, skipped ${result.skipped}, rejected ${result.rejected}`,
    );
    return { seconds, result, id: imported.id };
  }

  const first = await runOnce('import key: first run', withKey);
  const again = await runOnce('import key: same file again', withKey);
  if (again.result.created !== 0) console.log('  !! the re-run created activities');
  // The external id variant in a workspace of its own rows: undo the first import, then twice more.
  await withWorkspace(database.db, account.workspaceId, (trx) =>
    sql`delete from activities where workspace_id = ${account.workspaceId}`.execute(trx),
  );
  const firstExternal = await runOnce('external id: first run', withExternalId);
  const againExternal = await runOnce('external id: same file again', withExternalId);
  if (againExternal.result.created !== 0) console.log('  !! the re-run created activities');

  // Baseline: the same rows, as Kap stored them, copied into another workspace's activities.
  const other = await signUpBenchOwner(database.db, 'Copy bench', 'copy');
  const copyFile = join(dir, 'copy.csv');
  const copyColumns =
    'workspace_id, id, type, channel, direction, occurred_at, subject, body, owner_id, external_source, external_id, created_by, updated_by';
  await sql
    .raw(
      `copy (select '${other.workspaceId}'::uuid, gen_random_uuid(), type, channel, direction, occurred_at, subject, body,
                    owner_id, external_source, external_id, created_by, updated_by
               from activities where workspace_id = '${account.workspaceId}') to '${copyFile}' with (format csv)`,
    )
    .execute(database.db);
  const copyStarted = performance.now();
  await sql.raw(`copy activities (${copyColumns}) from '${copyFile}' with (format csv)`).execute(database.db);
  const copySeconds = (performance.now() - copyStarted) / 1000;
  console.log(
    `  ${'raw COPY (baseline)'.padEnd(28)} ${copySeconds.toFixed(1).padStart(6)} s  ${Math.round(
      rowCount / copySeconds,
    )
      .toLocaleString('en')
      .padStart(8)} rows/s`,
  );
  for (const [label, run] of [
    ['import key, first run', first],
    ['import key, re-run', again],
    ['external id, first run', firstExternal],
    ['external id, re-run', againExternal],
  ] as const) {
    console.log(`  ${label.padEnd(28)} ${(copySeconds / run.seconds).toFixed(2)} of COPY's speed`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  await database.close();
}
