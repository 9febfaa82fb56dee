import {
  findImportMappingProblems,
  type TImport,
  type TImportMapping,
  type TUpdateImportMappingRequest,
  ZCreateCustomFieldRequest,
  ZCreateImportFields,
} from '@kap/shared';
import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, assertCanWrite, assertCapability, type TActor } from '../../lib/actor.ts';
import { AppError, notFound, validationError } from '../../lib/errors.ts';
import { isUuid, newId } from '../../lib/ids.ts';
import { decodeCursor, toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/index.ts';
import { createCustomField } from '../custom-fields/index.ts';
import { fieldTypeOf, loadCustomFields } from './import-converter.ts';
import { deleteFileChunks, openFileInTransaction, storeFileChunks } from './import-file.storage.ts';
import {
  insertImport,
  selectImport,
  selectImportPage,
  type TImportRow,
  updateImport,
} from './imports.repository.ts';
import type { TStoredActor } from './imports.table.ts';
import { toImport, toImportSummary } from './imports.view.ts';
import { suggestMapping } from './mapping/index.ts';
import { detectTableShape, readTableRows, type TTableOptions, type TTableShape } from './reading/index.ts';

/** The stored shape as the reader takes it. */
export const tableShapeOf = (row: TImportRow): TTableShape | null =>
  row.shape ? ({ ...row.shape, sampleRows: [] } as TTableShape) : null;

export const IMPORTS_CHANNEL = 'kap_imports';

const OBJECT_PERMISSION = {
  person: 'people',
  company: 'companies',
  activity: 'activities',
  product: 'products',
  order: 'orders',
} as const;

export function assertCanImport(actor: TActor, objectType?: TImportRow['objectType']): void {
  assertCapability(actor, 'import');
  if (objectType) assertCanWrite(actor, OBJECT_PERMISSION[objectType]);
}

export async function getImportRow(
  trx: TTrx,
  actor: TActor,
  id: string,
  forUpdate = false,
): Promise<TImportRow> {
  assertCanImport(actor);
  const row = isUuid(id) ? await selectImport(trx, actor.workspaceId, id, forUpdate) : undefined;
  if (!row) throw notFound('Import');
  return row;
}

export async function getImport(trx: TTrx, actor: TActor, id: string): Promise<TImport> {
  return toImport(await getImportRow(trx, actor, id));
}

export async function listImports(
  trx: TTrx,
  actor: TActor,
  query: { limit: number; cursor?: string | undefined; objectType?: TImportRow['objectType'] | undefined },
) {
  assertCanImport(actor);
  const cursor = query.cursor
    ? decodeCursor(
        query.cursor,
        2,
        (v) =>
          typeof v[0] === 'string' &&
          /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(v[0]) &&
          typeof v[1] === 'string' &&
          isUuid(v[1]),
      )
    : null;
  const rows = await selectImportPage(trx, actor.workspaceId, {
    limit: query.limit,
    objectType: query.objectType,
    ...(cursor && { after: { createdAt: String(cursor[0]), id: String(cursor[1]) } }),
  });
  return toPage(rows, query.limit, toImportSummary, (row) => [row.cursorTime, row.id]);
}

const storedActorOf = (actor: TActor): TStoredActor => ({
  type: actor.type,
  userId: actor.userId,
  apiKeyId: actor.apiKeyId,
  name: actor.name,
  role: actor.role,
  ...(actor.teammateIds && { teammateIds: [...actor.teammateIds] }),
});

/**
 * Step 1 of an upload: the import's row (its file's chunks hang off it). Fields of a multipart
 * request may come after the file, so the row is completed by `completeUpload` in the same
 * transaction; nobody sees it before.
 */
export async function openUpload(trx: TTrx, actor: TActor): Promise<string> {
  assertCanImport(actor);
  const id = newId();
  await insertImport(trx, {
    workspaceId: actor.workspaceId,
    id,
    objectType: 'person',
    fileName: '',
    status: 'uploaded',
    actor: JSON.stringify(storedActorOf(actor)),
    createdBy: actorId(actor),
  });
  return id;
}

/** Step 2: the file, streamed into PostgreSQL; returns its size. */
export function storeUpload(
  trx: TTrx,
  actor: TActor,
  id: string,
  file: AsyncIterable<Buffer>,
  maxBytes: number,
): Promise<number> {
  return storeFileChunks(trx, actor.workspaceId, id, file, maxBytes);
}

function prefixed(problems: { path: string; message: string }[], prefix: string): AppError {
  const details = problems.map((p) => ({ path: `${prefix}.${p.path}`, message: p.message }));
  return new AppError('VALIDATION_FAILED', `Invalid ${details[0]?.path}: ${details[0]?.message}`, details);
}

async function assertMappingFits(
  trx: TTrx,
  actor: TActor,
  objectType: TImportRow['objectType'],
  mapping: TImportMapping,
  headers: readonly string[],
): Promise<void> {
  const keys = new Set((await loadCustomFields(trx, actor.workspaceId, objectType)).map((f) => f.key));
  const problems = findImportMappingProblems(objectType, mapping, keys);
  const known = new Set(headers);
  mapping.columns.forEach((column, index) => {
    if (!known.has(column.column))
      problems.push({ path: `columns.${index}.column`, message: `No column "${column.column}" in the file` });
  });
  if (problems.length > 0) throw prefixed(problems, 'mapping');
}

/** Step 3: settings from the form fields, the file's shape, a suggested (or the given) mapping. */
export async function completeUpload(
  trx: TTrx,
  actor: TActor,
  id: string,
  input: { fileName: string; fileSize: number; fields: Record<string, unknown> },
): Promise<TImport> {
  const parsed = ZCreateImportFields.safeParse(input.fields);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const fields = parsed.data;
  assertCanImport(actor, fields.objectType);
  const options: TTableOptions = {
    ...(fields.encoding && { encoding: fields.encoding as TTableOptions['encoding'] }),
    ...(fields.delimiter && { delimiter: fields.delimiter }),
    ...(fields.sheet && { sheet: fields.sheet }),
  };
  const shape = await detectTableShape(openFileInTransaction(trx, actor.workspaceId, id), options);
  const customFields = await loadCustomFields(trx, actor.workspaceId, fields.objectType);
  if (fields.mapping) await assertMappingFits(trx, actor, fields.objectType, fields.mapping, shape.headers);
  const mapping = fields.mapping ?? suggestMapping(fields.objectType, shape.headers, customFields);
  const match = fields.match ?? defaultMatch(fields.objectType, mapping);
  await updateImport(trx, actor.workspaceId, id, {
    objectType: fields.objectType,
    fileName: input.fileName.slice(0, 500),
    fileSize: input.fileSize,
    shape: JSON.stringify({
      format: shape.format,
      encoding: shape.encoding,
      delimiter: shape.delimiter,
      sheet: shape.sheet,
      headers: shape.headers,
    }),
    sampleRows: JSON.stringify(shape.sampleRows),
    mapping: JSON.stringify(mapping),
    isMappingSuggested: !fields.mapping,
    match,
    mode: fields.mode,
  });
  await recordAudit(trx, actor, {
    action: 'import.upload',
    recordType: 'import',
    recordId: id,
    after: { fileName: input.fileName, fileSize: input.fileSize, objectType: fields.objectType },
  });
  if (fields.mapping && !fields.dryRun) return startImport(trx, actor, id);
  return getImport(trx, actor, id);
}

/** Match on what the mapping carries: email, else phone, else external id (people); name (companies). */
function defaultMatch(objectType: TImportRow['objectType'], mapping: TImportMapping): string[] {
  const targets = new Set(mapping.columns.map((c) => c.target));
  if (objectType === 'company') return targets.has('domains') ? ['domain', 'name'] : ['name'];
  if (objectType === 'activity') return [];
  if (objectType === 'product') return ['sku'];
  if (objectType === 'order') return ['externalId'];
  const keys: string[] = [];
  if (targets.has('externalId')) keys.push('externalId');
  if (['email', 'email2', 'email3'].some((t) => targets.has(t))) keys.push('email');
  if (keys.length === 0 && ['phone', 'mobilePhone', 'workPhone', 'homePhone'].some((t) => targets.has(t)))
    keys.push('phone');
  return keys;
}

function assertStatus(row: TImportRow, allowed: readonly string[], doing: string): void {
  if (!allowed.includes(row.status)) {
    throw new AppError('CONFLICT', `Cannot ${doing} an import that is ${row.status}`, [
      { path: 'status', message: `Is ${row.status}` },
    ]);
  }
}

export async function updateImportMapping(
  trx: TTrx,
  actor: TActor,
  id: string,
  input: TUpdateImportMappingRequest,
): Promise<TImport> {
  const row = await getImportRow(trx, actor, id, true);
  assertCanImport(actor, row.objectType);
  assertStatus(row, ['uploaded'], 'change the mapping of');
  await assertMappingFits(trx, actor, row.objectType, input.mapping, row.shape?.headers ?? []);
  await updateImport(trx, actor.workspaceId, id, {
    mapping: JSON.stringify(input.mapping),
    isMappingSuggested: false,
    ...(input.match && { match: input.match }),
    ...(input.mode && { mode: input.mode }),
  });
  return getImport(trx, actor, id);
}

/** Distinct values of some columns in the first rows: the options of new select fields. */
async function collectOptions(
  trx: TTrx,
  row: TImportRow,
  columns: readonly string[],
): Promise<Map<string, string[]>> {
  const result = new Map(columns.map((c) => [c, new Set<string>()]));
  const shape = tableShapeOf(row);
  if (!shape || columns.length === 0) return new Map();
  const indexes = columns.map((c) => shape.headers.indexOf(c));
  let seen = 0;
  const open = openFileInTransaction(trx, row.workspaceId, row.id);
  for await (const source of readTableRows(open, shape)) {
    indexes.forEach((index, i) => {
      const value = source.values[index]?.trim();
      const set = result.get(columns[i] ?? '');
      if (value && set && set.size < 500) set.add(value);
    });
    if (++seen >= 10_000) break;
  }
  return new Map([...result].map(([column, values]) => [column, [...values]]));
}

/** Creates the custom fields the mapping asks for and points their columns at them. */
async function createMappedFields(trx: TTrx, actor: TActor, row: TImportRow, mapping: TImportMapping) {
  const fieldType = fieldTypeOf(row.objectType);
  const wanted = mapping.columns.filter((c) => c.newField);
  if (wanted.length === 0 || !fieldType) return { mapping, created: [] as string[] };
  const needsOptions = wanted
    .filter(
      (c) =>
        (c.newField?.type === 'select' || c.newField?.type === 'multiSelect') && !c.newField.options?.length,
    )
    .map((c) => c.column);
  const options = await collectOptions(trx, row, needsOptions);
  const created: string[] = [];
  const columns = [];
  for (const [index, column] of mapping.columns.entries()) {
    const field = column.newField;
    if (!field) {
      columns.push(column);
      continue;
    }
    const request = ZCreateCustomFieldRequest.safeParse({
      objectType: fieldType,
      key: field.key,
      label: field.label,
      type: field.type,
      ...(field.options?.length
        ? { options: field.options }
        : options.has(column.column) && { options: options.get(column.column) }),
    });
    if (!request.success) throw validationError(request.error.issues, `mapping.columns.${index}.newField`);
    await createCustomField(trx, actor, request.data);
    created.push(field.key);
    columns.push({ column: column.column, target: `cf.${field.key}` });
  }
  return { mapping: { ...mapping, columns }, created };
}

export async function startImport(trx: TTrx, actor: TActor, id: string): Promise<TImport> {
  const row = await getImportRow(trx, actor, id, true);
  assertCanImport(actor, row.objectType);
  assertStatus(row, ['uploaded'], 'start');
  if (!row.mapping || !row.shape) throw new AppError('CONFLICT', 'The import has no mapping yet');
  await assertMappingFits(trx, actor, row.objectType, row.mapping, row.shape.headers);
  const { mapping, created } = await createMappedFields(trx, actor, row, row.mapping);
  await updateImport(trx, actor.workspaceId, id, {
    status: 'queued',
    phase: 'waiting',
    mapping: JSON.stringify(mapping),
    createdFields: created,
    actor: JSON.stringify(storedActorOf(actor)),
  });
  await recordAudit(trx, actor, {
    action: 'import.start',
    recordType: 'import',
    recordId: id,
    after: {
      objectType: row.objectType,
      fileName: row.fileName,
      match: row.match,
      mode: row.mode,
      createdFields: created,
    },
  });
  // Delivered when this transaction commits: a worker picks the import up at once.
  await sql`select pg_notify(${IMPORTS_CHANNEL}, ${id})`.execute(trx);
  return getImport(trx, actor, id);
}

/** Not started yet: cancelled at once. Running: the job stops after its current batch. */
export async function cancelImport(trx: TTrx, actor: TActor, id: string): Promise<TImport> {
  const row = await getImportRow(trx, actor, id, true);
  assertCanImport(actor, row.objectType);
  assertStatus(row, ['uploaded', 'queued', 'running'], 'cancel');
  if (row.status === 'running') {
    await updateImport(trx, actor.workspaceId, id, { cancelRequested: true });
  } else {
    await updateImport(trx, actor.workspaceId, id, {
      status: 'cancelled',
      phase: 'finished',
      cancelRequested: true,
      finishedAt: new Date(),
    });
    await deleteFileChunks(trx, actor.workspaceId, id);
  }
  await recordAudit(trx, actor, {
    action: 'import.cancel',
    recordType: 'import',
    recordId: id,
    after: { status: row.status },
  });
  return getImport(trx, actor, id);
}
