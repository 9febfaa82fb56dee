import { once } from 'node:events';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import {
  AppError,
  cancelImport,
  completeUpload,
  getImport,
  listMemberRoles,
  openRejectedRowsCsv,
  openUpload,
  previewImport,
  runImportNow,
  startImport,
  storeUpload,
  type TActor,
  type TDb,
  updateImportMapping,
  withWorkspace,
} from '@kap/server';
import {
  IMPORT_MATCH_KEYS,
  IMPORT_MODES,
  type TImport,
  type TImportMapping,
  type TImportObjectType,
} from '@kap/shared';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { withDatabase } from '../lib/database.ts';
import { resolveWorkspace } from '../lib/workspace.ts';

const OBJECTS: Record<string, TImportObjectType> = {
  people: 'person',
  companies: 'company',
  activities: 'activity',
  products: 'product',
  orders: 'order',
};

type TImportOptions = {
  map: string[];
  match?: string;
  mode: string;
  source?: string;
  createCustomers?: boolean;
  dryRun?: boolean;
  workspace?: string;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  rejected?: string;
};

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'Import people, companies, activities, products or orders from a CSV/TSV or .xlsx file of any size, with progress',
    )
    .argument('<object>', 'people, companies, activities, products or orders (one row per order line)')
    .argument('<file>', 'the file (.csv, .tsv, .txt or .xlsx)')
    .option(
      '--map <field=Column>',
      'map a column to a field, e.g. --map email="E-mail" (repeatable; the rest is matched by name)',
      collect,
      [],
    )
    .option(
      '--match <keys>',
      `match existing records on (comma-separated: ${IMPORT_MATCH_KEYS.join(', ')}); default: from the mapping`,
    )
    .option('--mode <mode>', `what to do with a match: ${IMPORT_MODES.join(', ')}`, 'skip')
    .option(
      '--source <name>',
      'where the external ids come from (e.g. shopify): the orders\' source and customer ids (default: "import")',
    )
    .option(
      '--create-customers',
      'orders: create a person for a customer Kap does not have (else the order is rejected)',
    )
    .option('--dry-run', 'show what would happen (first 10,000 rows), write nothing')
    .option('--workspace <id|name>', 'workspace (default: the first one)')
    .option('--encoding <name>', 'e.g. utf-8, utf-16le, windows-1257 (default: detected)')
    .option('--delimiter <char>', 'CSV delimiter: , ; | or "tab" (default: detected)')
    .option('--sheet <name>', 'Excel sheet (default: the first)')
    .option('--rejected <file>', 'where to write the rejected rows (default: <file>.rejected.csv)')
    .action(async (object: string, file: string, options: TImportOptions) => {
      const objectType = OBJECTS[object];
      if (!objectType) throw new Error(`Unknown object "${object}": use ${Object.keys(OBJECTS).join(', ')}`);
      if (!IMPORT_MODES.includes(options.mode as (typeof IMPORT_MODES)[number])) {
        throw new Error(`--mode must be one of ${IMPORT_MODES.join(', ')}`);
      }
      const size = statSync(file).size;
      await withDatabase(
        async ({ db }) => {
          const workspace = await resolveWorkspace(db, options.workspace);
          const actor = await ownerActor(db, workspace);
          await runCliImport(db, actor, objectType, file, size, options).catch((error: unknown) => {
            throw error instanceof AppError ? new Error(describeAppError(error)) : error;
          });
        },
        { migrate: true },
      );
    });
}

async function runCliImport(
  db: TDb,
  actor: TActor,
  objectType: TImportObjectType,
  file: string,
  size: number,
  options: TImportOptions,
): Promise<void> {
  const ws = actor.workspaceId;
  process.stderr.write(`Reading ${file} (${(size / 1024 / 1024).toFixed(1)} MB)…\n`);
  const uploaded = await withWorkspace(db, ws, async (trx) => {
    const id = await openUpload(trx, actor);
    const stored = await storeUpload(trx, actor, id, createReadStream(file), Number.MAX_SAFE_INTEGER);
    return completeUpload(trx, actor, id, {
      fileName: file.split(/[\\/]/).pop() ?? file,
      fileSize: stored,
      fields: {
        objectType,
        dryRun: 'true',
        mode: options.mode,
        ...(options.encoding && { encoding: options.encoding }),
        ...(options.delimiter && { delimiter: options.delimiter === 'tab' ? '\t' : options.delimiter }),
        ...(options.sheet && { sheet: options.sheet }),
      },
    });
  });
  const mapped = applyMapOptions(uploaded, options.map);
  const mapping: TImportMapping = {
    ...mapped,
    options: {
      ...mapped.options,
      ...(options.source && { externalIdSource: options.source }),
      ...(options.createCustomers && { createMissingCustomers: true }),
    },
  };
  printMapping(mapping);
  const match = options.match
    ?.split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  await withWorkspace(db, ws, (trx) =>
    updateImportMapping(trx, actor, uploaded.id, {
      mapping,
      ...(match && { match: match as (typeof IMPORT_MATCH_KEYS)[number][] }),
      mode: options.mode as (typeof IMPORT_MODES)[number],
    }),
  );
  if (options.dryRun) {
    const preview = await withWorkspace(db, ws, async (trx) => {
      const result = await previewImport(trx, actor, uploaded.id, { limit: 10_000, rows: 5 });
      await cancelImport(trx, actor, uploaded.id);
      return result;
    });
    console.log(
      `Dry run over ${preview.isWholeFile ? 'the whole file' : 'the first'} ${preview.examined.toLocaleString('en')} rows: ` +
        `${preview.created} would be created, ${preview.updated} updated, ${preview.skipped} skipped, ${preview.rejected} rejected. Nothing was written.`,
    );
    for (const row of preview.rows) {
      console.log(
        `  row ${row.row}: ${row.outcome}${row.reason ? ` — ${row.reason}` : ''}${row.values ? ` ${JSON.stringify(row.values)}` : ''}`,
      );
    }
    return;
  }
  await withWorkspace(db, ws, (trx) => startImport(trx, actor, uploaded.id));
  const bar = new cliProgress.SingleBar(
    {
      format: 'Importing [{bar}] {percentage}% | {value}/{total} rows | {speed} rows/s | ETA {eta_formatted}',
      hideCursor: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let isBarStarted = false;
  const outcome = await runImportNow(
    db,
    { workspaceId: ws, id: uploaded.id },
    {
      onProgress: ({ processed, total, rowsPerSecond }) => {
        if (!process.stderr.isTTY) return;
        if (!isBarStarted) {
          bar.start(total ?? processed, 0, { speed: 0 });
          isBarStarted = true;
        }
        bar.setTotal(total ?? processed);
        bar.update(processed, { speed: Math.round(rowsPerSecond ?? 0).toLocaleString('en') });
      },
    },
  );
  if (isBarStarted) bar.stop();
  const done = await withWorkspace(db, ws, (trx) => getImport(trx, actor, uploaded.id));
  const seconds =
    done.startedAt && done.finishedAt
      ? (Date.parse(done.finishedAt) - Date.parse(done.startedAt)) / 1000
      : null;
  console.log(
    `Import ${outcome} (${done.id}): ${done.processed.toLocaleString('en')} rows — ${done.created} created, ${done.updated} updated, ` +
      `${done.skipped} skipped, ${done.rejected} rejected${seconds ? ` in ${seconds.toFixed(1)} s` : ''}.`,
  );
  if (done.failureReason) console.log(`Failed: ${done.failureReason}`);
  if (done.rejected > 0) {
    const target = options.rejected ?? `${file}.rejected.csv`;
    await withWorkspace(db, ws, async (trx) => {
      const { stream } = await openRejectedRowsCsv(trx, db, actor, uploaded.id);
      const out = createWriteStream(target);
      stream.pipe(out);
      await once(out, 'close');
    });
    console.log(`Rejected rows (original columns + row + reason): ${target}`);
  }
}

/** `--map field=Column` over the suggested mapping: that column gets that field, no other column does. */
function applyMapOptions(uploaded: TImport, maps: string[]): TImportMapping {
  const suggested = uploaded.mapping;
  if (!suggested) throw new Error('The file has no columns');
  let columns = suggested.columns;
  for (const entry of maps) {
    const at = entry.indexOf('=');
    if (at < 1) throw new Error(`--map ${entry}: write field=Column, e.g. email="E-mail"`);
    const target = entry.slice(0, at).trim();
    const column = entry.slice(at + 1).trim();
    if (!columns.some((c) => c.column === column)) {
      throw new Error(
        `--map ${entry}: no column "${column}" (the file has: ${columns.map((c) => c.column).join(', ')})`,
      );
    }
    columns = columns.map((c) =>
      c.column === column ? { column, target } : c.target === target ? { column: c.column, target: null } : c,
    );
  }
  return { ...suggested, columns };
}

function printMapping(mapping: TImportMapping): void {
  process.stderr.write('Columns:\n');
  for (const column of mapping.columns)
    process.stderr.write(`  ${column.column} → ${column.target ?? '(not imported)'}\n`);
}

function describeAppError(error: AppError): string {
  const where = error.details?.map((d) => `${d.path}: ${d.message}`).join('; ');
  return where ? `${error.message} — ${where}` : error.message;
}

/** The CLI acts for the workspace's first owner. */
async function ownerActor(db: TDb, workspace: { id: string; name: string }): Promise<TActor> {
  const owner = (await listMemberRoles(db, workspace.id)).find((member) => member.role === 'owner');
  if (!owner) throw new Error(`Workspace "${workspace.name}" has no owner to import as`);
  return {
    type: 'user',
    userId: owner.userId,
    apiKeyId: null,
    name: 'kap CLI',
    workspaceId: workspace.id,
    role: 'owner',
    requestId: null,
  };
}
