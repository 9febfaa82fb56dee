import { createReadStream, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type pg from 'pg';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  listTablesInDependencyOrder,
  quoteIdent,
  readSchemaVersion,
  type TBackupEnd,
  type TBackupHeader,
  type TBackupProgress,
  type TBackupTableLine,
} from './backup.ts';
import { listMigrations, runMigrations } from './migrator.ts';

const BATCH_ROWS = 1000;
/** Rows vary from a few hundred bytes to large JSON documents; cap a batch by size too. */
const BATCH_BYTES = 8 * 1024 * 1024;

/** The file is not a readable Kap backup: damaged, truncated, or something else entirely. */
export class BackupFileError extends Error {}

export type TRestoreResult = {
  header: TBackupHeader;
  rows: number;
  schemaVersion: string | null;
  migratedAfter: string[];
};

/**
 * Restores a `kap backup` file into an EMPTY database: migrates it to the backup's schema version,
 * loads every row in one transaction (through the owner connection, which row-level security does
 * not filter), sets the sequences, commits only after the whole file has been read and its gzip
 * checksum verified, then applies any newer migrations. A damaged file leaves no rows behind.
 */
export async function restoreDatabase(
  pool: pg.Pool,
  file: string,
  options: {
    onStart?: (header: TBackupHeader) => void;
    onProgress?: (progress: TBackupProgress) => void;
  } = {},
): Promise<TRestoreResult> {
  assertReadableFile(file);
  const lines = readLines(file);
  try {
    const header = parseHeader(
      await lines.next().catch((error: unknown) => Promise.reject(explainRead(error, true))),
    );
    assertKnownVersion(header.schemaVersion);
    const client = await pool.connect();
    try {
      await assertEmptyTarget(client, header.schemaVersion);
      await runMigrations(pool, { upTo: header.schemaVersion });
      options.onStart?.(header);
      const rows = await loadRows(client, header, lines, options.onProgress);
      const migrated = await runMigrations(pool);
      await client.query('analyze');
      return { header, rows, schemaVersion: migrated.version, migratedAfter: migrated.applied };
    } finally {
      client.release();
    }
  } finally {
    await lines.return(undefined);
  }
}

function assertReadableFile(file: string): void {
  try {
    if (!statSync(file).isFile()) throw new BackupFileError(`${file} is not a file`);
  } catch (error) {
    if (error instanceof BackupFileError) throw error;
    throw new BackupFileError(`Cannot read the backup file ${file}: ${(error as Error).message}`);
  }
}

async function loadRows(
  client: pg.PoolClient,
  header: TBackupHeader,
  lines: AsyncGenerator<string>,
  onProgress: ((progress: TBackupProgress) => void) | undefined,
): Promise<number> {
  const rowsTotal = header.tables.reduce((sum, t) => sum + t.rows, 0);
  const expected = new Map(header.tables.map((t) => [t.name, t.rows]));
  let lineNo = 1;
  let rowsDone = 0;
  let table: { name: string; insert: string; rows: number } | null = null;
  let batch: string[] = [];
  let batchBytes = 0;
  let end: TBackupEnd | null = null;

  const flush = async () => {
    if (!table || batch.length === 0) return;
    try {
      await client.query(table.insert, [`[${batch.join(',')}]`]);
    } catch (error) {
      const message = `Loading table "${table.name}" failed before line ${lineNo}: ${(error as Error).message}`;
      // Class 22 (data exception: bad JSON, bad values) means the file's content is broken.
      const isBadData = String((error as { code?: unknown }).code ?? '').startsWith('22');
      if (isBadData) throw new BackupFileError(`${message}; the backup file is damaged`, { cause: error });
      throw new Error(message, { cause: error });
    }
    table.rows += batch.length;
    rowsDone += batch.length;
    batch = [];
    batchBytes = 0;
    onProgress?.({ table: table.name, rowsDone, rowsTotal });
  };
  const finishTable = async () => {
    await flush();
    if (table && table.rows !== expected.get(table.name)) {
      throw new BackupFileError(
        `Table "${table.name}" has ${table.rows} rows in the file but ${expected.get(table.name) ?? 0} in its header`,
      );
    }
  };

  await client.query('begin');
  try {
    await client.query('set local idle_in_transaction_session_timeout = 0');
    await assertEmptyTarget(client, header.schemaVersion);
    for await (const line of lines) {
      lineNo++;
      if (end) throw new BackupFileError(`Unexpected data after the end of the backup (line ${lineNo})`);
      if (line.startsWith('{')) {
        if (!table) throw new BackupFileError(`Line ${lineNo}: a row before any table`);
        batch.push(line);
        batchBytes += line.length;
        if (batch.length >= BATCH_ROWS || batchBytes >= BATCH_BYTES) await flush();
        continue;
      }
      const [kind, body] = parseControlLine(line, lineNo);
      await finishTable();
      if (kind === 'table') {
        const tableLine = body as TBackupTableLine;
        table = {
          name: tableLine.name,
          insert: await buildInsert(client, tableLine, header.schemaVersion),
          rows: 0,
        };
      } else if (kind === 'end') {
        end = body as TBackupEnd;
        table = null;
      } else {
        throw new BackupFileError(`Line ${lineNo}: unexpected "${kind}" line`);
      }
    }
    if (!end)
      throw new BackupFileError(
        `The backup file is truncated: it ends at line ${lineNo} without its end marker`,
      );
    if (end.rows !== rowsDone)
      throw new BackupFileError(`The backup says ${end.rows} rows but holds ${rowsDone}`);
    await restoreSequences(client, end);
    await client.query('commit');
    return rowsDone;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw explain(error);
  }
}

/** zlib's terse errors, said in the operator's terms. */
function explainRead(error: unknown, isHeader = false): Error {
  const message = (error as Error).message;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code.startsWith('Z_') || /unexpected end of file/.test(message)) {
    const what = isHeader ? 'not a Kap backup, or damaged' : 'damaged or truncated';
    return new BackupFileError(`The backup file is ${what} (gzip: ${message})`, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

function explain(error: unknown): Error {
  const explained = explainRead(error);
  const message = `${explained.message.replace(/\.$/, '')}. Nothing was restored (the transaction was rolled back).`;
  return explained instanceof BackupFileError
    ? new BackupFileError(message, { cause: error })
    : new Error(message, { cause: error });
}

function parseControlLine(line: string, lineNo: number): [string, unknown] {
  try {
    const parsed: unknown = JSON.parse(line);
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string')
      return [parsed[0], parsed[1]];
  } catch {
    // Reported below with the line number.
  }
  throw new BackupFileError(`Line ${lineNo} of the backup file is damaged`);
}

function parseHeader(first: IteratorResult<string>): TBackupHeader {
  if (first.done) throw new BackupFileError('The backup file is empty');
  let header: Partial<TBackupHeader> | undefined;
  try {
    const [kind, body] = parseControlLine(first.value, 1);
    if (kind === 'header') header = body as Partial<TBackupHeader>;
  } catch {
    header = undefined;
  }
  if (
    header?.format !== BACKUP_FORMAT ||
    typeof header.schemaVersion !== 'string' ||
    !Array.isArray(header.tables)
  ) {
    throw new BackupFileError('This is not a Kap backup file (no Kap backup header)');
  }
  if (header.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new BackupFileError(`Backup format version ${header.formatVersion} is not supported by this Kap`);
  }
  return header as TBackupHeader;
}

function assertKnownVersion(version: string): void {
  const known = listMigrations();
  if (known.includes(version)) return;
  const latest = known.at(-1) ?? '(none)';
  if (version > latest) {
    throw new Error(
      `The backup was made by a newer Kap (schema ${version}; this Kap knows up to ${latest}). Upgrade Kap, then restore.`,
    );
  }
  throw new Error(`The backup's schema version ${version} is unknown to this Kap`);
}

async function assertEmptyTarget(client: pg.ClientBase, backupVersion: string): Promise<void> {
  const version = await readSchemaVersion(client);
  for (const { name, isPartitioned } of await listTablesInDependencyOrder(client)) {
    if (name === 'schema_migrations') continue;
    const from = `${isPartitioned ? '' : 'only '}public.${quoteIdent(name)}`;
    const found = await client.query(`select 1 from ${from} limit 1`);
    if (found.rowCount) {
      throw new Error(
        `The target database is not empty (table "${name}" has rows). Restore only into an empty database: ` +
          'a new KAP_DATA_DIR, or a newly created database for DATABASE_URL.',
      );
    }
  }
  if (version && version > backupVersion) {
    throw new Error(
      `The target database is already at schema ${version}, newer than the backup's ${backupVersion}. ` +
        'Restore into a newly created database, which is migrated to the backup’s version first.',
    );
  }
}

/** Generated columns are computed again; identity columns keep the backed-up values. */
async function buildInsert(client: pg.ClientBase, line: TBackupTableLine, version: string): Promise<string> {
  const target = `public.${quoteIdent(line.name)}`;
  const columns = await client.query<{ name: string; generated: string }>(
    `select attname as name, attgenerated::text as generated from pg_attribute
      where attrelid = to_regclass($1) and attnum > 0 and not attisdropped`,
    [target],
  );
  if (columns.rows.length === 0) {
    throw new Error(`The backup has a table "${line.name}" that schema ${version} of this Kap does not have`);
  }
  const generatedOf = new Map(columns.rows.map((c) => [c.name, c.generated]));
  const missing = line.columns.filter((c) => !generatedOf.has(c));
  if (missing.length > 0) {
    throw new Error(
      `Table "${line.name}" has no column ${missing.join(', ')} in schema ${version} of this Kap`,
    );
  }
  const list = line.columns
    .filter((c) => generatedOf.get(c) === '')
    .map(quoteIdent)
    .join(', ');
  return `insert into ${target} (${list}) overriding system value
          select ${list} from json_populate_recordset(null::${target}, $1::json)`;
}

async function restoreSequences(client: pg.ClientBase, end: TBackupEnd): Promise<void> {
  for (const sequence of end.sequences) {
    await client.query('select setval(to_regclass($1), $2::bigint, $3) where to_regclass($1) is not null', [
      `public.${quoteIdent(sequence.name)}`,
      sequence.lastValue,
      sequence.isCalled,
    ]);
  }
}

/** Lines of the gunzipped file; a read or gzip error (bad checksum, truncation) is thrown. */
async function* readLines(file: string): AsyncGenerator<string> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip) {
      const parts = (rest + decoder.write(chunk as Buffer)).split('\n');
      rest = parts.pop() ?? '';
      yield* parts;
    }
    rest += decoder.end();
    if (rest.length > 0) yield rest;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}
