import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import {
  AppError,
  findExportViewId,
  listMemberRoles,
  prepareExport,
  type TActor,
  type TDb,
  withWorkspace,
  writeExport,
} from '@kap/server';
import { EXPORT_FORMATS, type TExportFormat, type TExportObjectType } from '@kap/shared';
import type { Command } from 'commander';
import { withDatabase } from '../lib/database.ts';
import { resolveWorkspace } from '../lib/workspace.ts';

const OBJECTS: Record<string, TExportObjectType> = { people: 'person', companies: 'company' };

type TExportOptions = {
  view?: string;
  filter?: string;
  sort?: string;
  q?: string;
  columns: string;
  format?: string;
  bom?: boolean;
  workspace?: string;
  output?: string;
};

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('Export people or companies (a saved view, a filter, or all) as CSV or .xlsx, streamed')
    .argument('<object>', 'people or companies')
    .option('--view <name|id>', 'a saved view: its filter, sort and columns')
    .option(
      '--filter <json>',
      'a filter as the list takes it, e.g. \'{"field":"tags","op":"contains","value":"vip"}\'',
    )
    .option('--sort <field>', 'a list sort, e.g. lastName or -createdAt')
    .option('--q <text>', 'the list search text')
    .option('--columns <which>', '"visible" (the view\'s), "all", or comma-separated column keys', 'visible')
    .option('--format <format>', `csv or xlsx (default: from -o's extension, else csv)`)
    .option('--bom', 'CSV: start with a UTF-8 byte order mark, for Excel')
    .option('--workspace <id|name>', 'workspace (default: the first one)')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (object: string, options: TExportOptions) => {
      const objectType = OBJECTS[object];
      if (!objectType) throw new Error(`Unknown object "${object}": use people or companies`);
      const format = readFormat(options);
      const filter = options.filter === undefined ? undefined : readFilter(options.filter);
      if (!options.output && format === 'xlsx' && process.stdout.isTTY) {
        throw new Error('An .xlsx file is binary: redirect standard output to a file or use -o file.xlsx');
      }
      await withDatabase(
        async ({ db }) => {
          const workspace = await resolveWorkspace(db, options.workspace);
          const actor = await ownerActor(db, workspace);
          const out: Writable = options.output ? createWriteStream(options.output) : process.stdout;
          let lastReport = 0;
          const rows = await withWorkspace(db, workspace.id, async (trx) => {
            const prepared = await prepareExport(trx, actor, {
              objectType,
              viewId: options.view ? await findExportViewId(trx, actor, objectType, options.view) : undefined,
              filter,
              sort: options.sort,
              q: options.q,
              columns: readColumns(options.columns),
              format,
              bom: Boolean(options.bom),
            });
            return writeExport(trx, actor, prepared, out, (done) => {
              if (Date.now() - lastReport < 1000) return;
              lastReport = Date.now();
              process.stderr.write(`\rExported ${done.toLocaleString('en')} ${object}…`);
            });
          }).catch((error: unknown) => {
            throw error instanceof AppError ? new Error(describeAppError(error)) : error;
          });
          // The file is complete once its stream has flushed (it may have already).
          if (options.output) await finished(out);
          process.stderr.write(
            `\rExported ${rows.toLocaleString('en')} ${object} from "${workspace.name}"${options.output ? ` to ${options.output}` : ''}.\n`,
          );
        },
        { migrate: true },
      );
    });
}

function readFormat(options: TExportOptions): TExportFormat {
  const format = options.format ?? (options.output?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
  if (!EXPORT_FORMATS.includes(format as TExportFormat)) throw new Error(`--format must be csv or xlsx`);
  return format as TExportFormat;
}

function readFilter(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('--filter must be JSON, e.g. \'{"field":"tags","op":"contains","value":"vip"}\'');
  }
}

function readColumns(text: string): 'visible' | 'all' | string[] {
  if (text === 'visible' || text === 'all') return text;
  return text
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
}

function describeAppError(error: AppError): string {
  const where = error.details?.map((d) => `--${d.path.split('.')[0]} (${d.path}): ${d.message}`).join('; ');
  return where ? `${error.message} — ${where}` : error.message;
}

/** The CLI acts for the workspace's first owner, who sees every record. */
async function ownerActor(db: TDb, workspace: { id: string; name: string }): Promise<TActor> {
  const owner = (await listMemberRoles(db, workspace.id)).find((member) => member.role === 'owner');
  if (!owner) throw new Error(`Workspace "${workspace.name}" has no owner to export as`);
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
