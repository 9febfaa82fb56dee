import type { Writable } from 'node:stream';
import {
  exportFileName,
  type TCompany,
  type TExportFormat,
  type TExportObjectType,
  type TPerson,
} from '@kap/shared';
import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { assertCapability, type TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import type { TRecordSource } from '../../lib/sql-cursor.ts';
import { recordAudit } from '../audit/index.ts';
import { findCompanyNames, openCompaniesExport } from '../companies/index.ts';
import { listFieldDefinitions } from '../custom-fields/index.ts';
import { openPeopleExport } from '../people/index.ts';
import { getVisibleView, listViews } from '../views/index.ts';
import { listMembers } from '../workspaces/index.ts';
import { buildCsvCopySql, streamCsvRowsThroughCopy } from './csv-copy-export.ts';
import {
  companyIdsOf,
  personFieldsOf,
  resolveColumns,
  type TColumn,
  type TColumnChoice,
  type TFieldDefinitionForExport,
  type TRowContext,
} from './export-columns.ts';
import { createCsvWriter, createXlsxWriter, type TRowWriter } from './export-writers.ts';

type TRecord = TPerson | TCompany;

/** An export as the HTTP routes and the CLI describe it. */
export type TExportInput = {
  objectType: TExportObjectType;
  viewId?: string | undefined;
  filter?: unknown;
  sort?: string | undefined;
  q?: string | undefined;
  ids?: readonly string[] | undefined;
  columns: TColumnChoice;
  format: TExportFormat;
  bom: boolean;
};

/** Checked and ready to stream: everything that can fail with a 400/403/404 has been checked. */
export type TPreparedExport = {
  input: TExportInput;
  fileName: string;
  contentType: string;
  columns: TColumn<TRecord>[];
  /** The active custom fields (the custom columns' definitions). */
  fields: readonly TFieldDefinitionForExport[];
  /** The list's rows: its query (for CSV, through COPY) and its records in batches (for xlsx). */
  source: TRecordSource<TRecord>;
  batchSize: number;
  members: TRowContext['members'];
};

const CONTENT_TYPES: Record<TExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function prepareExport(
  trx: TTrx,
  actor: TActor,
  input: TExportInput,
  batchSize = 2000,
): Promise<TPreparedExport> {
  assertCapability(actor, 'export');
  // Long exports hold a transaction open while the client reads: named, operators can tell them apart.
  await sql`select set_config('application_name', 'kap export', true)`.execute(trx);
  const { objectType } = input;
  const view = input.viewId ? await getVisibleView(trx, actor, input.viewId, objectType) : null;
  const fields = await listFieldDefinitions(trx, actor.workspaceId, { objectType });
  const columns = resolveColumns<TRecord>(objectType, input.columns, fields, view?.columns ?? null);
  const criteria = {
    viewId: input.viewId,
    filter: input.filter,
    sort: input.sort,
    q: input.q,
    ids: input.ids,
  };
  const source: TRecordSource<TRecord> =
    objectType === 'person'
      ? await openPeopleExport(trx, actor, { ...criteria, fields: personFieldsOf(columns) })
      : await openCompaniesExport(trx, actor, criteria);
  const members = new Map(
    (await listMembers(trx, actor)).map((m) => [m.userId, { name: m.name, email: m.email }] as const),
  );
  return {
    input,
    fileName: exportFileName(objectType, input.format),
    contentType: CONTENT_TYPES[input.format],
    columns,
    fields,
    source,
    batchSize,
    members,
  };
}

const NEEDS_COMPANY_NAMES = new Set(['companies', 'parentCompanyId']);

/** xlsx: the records in batches through the cursor, cells made in Node (typed cells: numbers, dates). */
async function writeXlsxRows(
  trx: TTrx,
  actor: TActor,
  prepared: TPreparedExport,
  writer: TRowWriter,
  onProgress?: (rows: number) => void,
): Promise<number> {
  const { columns, input } = prepared;
  const needsCompanies = columns.some((c) => NEEDS_COMPANY_NAMES.has(c.key));
  let count = 0;
  for await (const batch of prepared.source.readBatches(prepared.batchSize)) {
    const companyNames = needsCompanies
      ? await findCompanyNames(trx, actor, companyIdsOf(input.objectType, batch))
      : new Map<string, string>();
    const ctx: TRowContext = { members: prepared.members, companyNames };
    await writer.writeRows(batch.map((row) => columns.map((column) => column.value(row, ctx))));
    count += batch.length;
    onProgress?.(count);
  }
  return count;
}

/**
 * Streams the rows to `out` (CSV: PostgreSQL's COPY formats the rows; xlsx: batches through a
 * cursor; either way at the pace `out` takes them) and writes the audit entry (what, which
 * filter, how many rows) in the same transaction, before the file's last bytes. Answers the
 * number of rows.
 */
export async function writeExport(
  trx: TTrx,
  actor: TActor,
  prepared: TPreparedExport,
  out: Writable,
  onProgress?: (rows: number) => void,
): Promise<number> {
  const { columns, input } = prepared;
  const headers = columns.map((c) => c.header);
  let writer: TRowWriter;
  let count: number;
  if (input.format === 'csv') {
    const copySql = buildCsvCopySql(actor, prepared);
    writer = createCsvWriter(out, headers, input.bom);
    await writer.writeRows([]);
    count = await streamCsvRowsThroughCopy(trx, copySql, out, onProgress);
  } else {
    writer = createXlsxWriter(out, headers, input.objectType === 'person' ? 'People' : 'Companies');
    count = await writeXlsxRows(trx, actor, prepared, writer, onProgress);
  }
  await recordAudit(trx, actor, {
    action: 'export.create',
    recordType: 'export',
    recordId: newId(),
    after: {
      objectType: input.objectType,
      format: input.format,
      viewId: input.viewId ?? null,
      filter: input.filter ?? null,
      sort: input.sort ?? null,
      q: input.q ?? null,
      selectedIds: input.ids?.length ?? null,
      columns: columns.map((c) => c.key),
      rows: count,
    },
  });
  await writer.finish();
  return count;
}

/** A saved view by id or name (for the CLI's `--view "My view"`): 400 when none or several match. */
export async function findExportViewId(
  trx: TTrx,
  actor: TActor,
  objectType: TExportObjectType,
  ref: string,
): Promise<string> {
  const matches = (await listViews(trx, actor, objectType)).data.filter(
    (v) => v.id === ref || v.name === ref,
  );
  const [view, other] = matches;
  if (!view || other) {
    const message = view ? `Several views are named "${ref}": use the view's id` : `No such view: "${ref}"`;
    throw new AppError('VALIDATION_FAILED', message, [{ path: 'view', message }]);
  }
  return view.id;
}
