import { createWriteStream, readFileSync, renameSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import pg from 'pg';

/**
 * Kap's own backup format, because the embedded PostgreSQL ships no pg_dump: gzip'd JSON lines.
 * Control lines are JSON arrays (`["header", {…}]`, `["table", {…}]`, `["end", {…}]`); every other
 * line is one row exactly as `row_to_json` wrote it. `row_to_json` always writes an object, so a
 * line's first character tells the two apart whatever the columns are called, and a restore can
 * hand a batch of row lines to PostgreSQL without parsing them in Node.
 */
export const BACKUP_FORMAT = 'kap-backup';
export const BACKUP_FORMAT_VERSION = 1;

/**
 * Not backed up: `schema_migrations` (the header carries the version and a restore migrates),
 * `idempotency_keys` (cached replies that expire within a day), `login_throttle` (failure
 * counters that expire within a day) and `deal_stage_totals` (kept by triggers on `deals`, which
 * build it again as a restore loads the deals; restored rows would be counted twice). Sessions,
 * reset tokens and the mail outbox are kept, so a restored install carries on where the old one
 * stopped. pg-boss's queue lives in its own schema and is not backed up: its schedules are
 * created again when Kap starts.
 */
export const SKIPPED_TABLES: readonly string[] = [
  'schema_migrations',
  'idempotency_keys',
  'login_throttle',
  'deal_stage_totals',
];

const FETCH_SIZE = 5000;

export type TBackupTable = { name: string; rows: number };
export type TBackupHeader = {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  kapVersion: string;
  schemaVersion: string;
  createdAt: string;
  tables: TBackupTable[];
  skippedTables: string[];
};
export type TBackupTableLine = { name: string; columns: string[] };
export type TBackupSequence = { name: string; lastValue: string; isCalled: boolean };
export type TBackupEnd = { rows: number; sequences: TBackupSequence[] };
export type TBackupProgress = { table: string; rowsDone: number; rowsTotal: number };

export const quoteIdent = (name: string): string => pg.escapeIdentifier(name);

export function readKapVersion(): string {
  const path = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

type TTableInfo = { name: string; isPartitioned: boolean };

/** The public schema's tables (partitions are read through their parent), parents first. */
export async function listTablesInDependencyOrder(client: pg.ClientBase): Promise<TTableInfo[]> {
  const tables = await client.query<{ name: string; kind: string }>(
    `select c.relname as name, c.relkind as kind
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
      order by c.relname`,
  );
  const edges = await client.query<{ child: string; parent: string }>(
    `select distinct child.relname as child, parent.relname as parent
       from pg_constraint k
       join pg_class child on child.oid = k.conrelid
       join pg_class parent on parent.oid = k.confrelid
       join pg_namespace n on n.oid = child.relnamespace
      where k.contype = 'f' and n.nspname = 'public' and child.oid <> parent.oid`,
  );
  const order = sortByDependencies(
    tables.rows.map((t) => t.name),
    edges.rows,
  );
  const kinds = new Map(tables.rows.map((t) => [t.name, t.kind]));
  return order.map((name) => ({ name, isPartitioned: kinds.get(name) === 'p' }));
}

/**
 * Kahn's algorithm, alphabetical among equals so backups of equal databases are equal. A cycle of
 * foreign keys (none exists today) cannot be ordered; its tables go last and a restore says which
 * constraint failed.
 */
function sortByDependencies(names: string[], edges: { child: string; parent: string }[]): string[] {
  const known = new Set(names);
  const parentsOf = new Map<string, Set<string>>(names.map((name) => [name, new Set()]));
  for (const { child, parent } of edges) {
    if (known.has(child) && known.has(parent)) parentsOf.get(child)?.add(parent);
  }
  const done: string[] = [];
  const placed = new Set<string>();
  while (done.length < names.length) {
    const next = names.find(
      (name) => !placed.has(name) && [...(parentsOf.get(name) ?? [])].every((p) => placed.has(p)),
    );
    if (next === undefined) {
      done.push(...names.filter((name) => !placed.has(name)));
      break;
    }
    done.push(next);
    placed.add(next);
  }
  return done;
}

async function listColumns(client: pg.ClientBase, table: string): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    `select attname as name from pg_attribute
      where attrelid = $1::regclass and attnum > 0 and not attisdropped order by attnum`,
    [`public.${quoteIdent(table)}`],
  );
  return result.rows.map((row) => row.name);
}

async function readSequences(client: pg.ClientBase): Promise<TBackupSequence[]> {
  const names = await client.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'S' order by c.relname`,
  );
  const sequences: TBackupSequence[] = [];
  for (const { name } of names.rows) {
    const state = await client.query<{ lastValue: string; isCalled: boolean }>(
      `select last_value::text as "lastValue", is_called as "isCalled" from public.${quoteIdent(name)}`,
    );
    const row = state.rows[0];
    if (row) sequences.push({ name, ...row });
  }
  return sequences;
}

/** The last migration applied, or null when the database has no Kap schema yet. */
export async function readSchemaVersion(client: pg.ClientBase): Promise<string | null> {
  const exists = await client.query<{ found: boolean }>(
    "select to_regclass('public.schema_migrations') is not null as found",
  );
  if (!exists.rows[0]?.found) return null;
  const result = await client.query<{ name: string }>(
    'select name from schema_migrations order by name desc limit 1',
  );
  return result.rows[0]?.name ?? null;
}

const controlLine = (kind: 'header' | 'table' | 'end', body: object): string =>
  `${JSON.stringify([kind, body])}\n`;

/**
 * Writes a consistent snapshot of the database to `file`: one REPEATABLE READ, READ ONLY
 * transaction, tables read through a server-side cursor so no table is ever held in memory. The
 * file appears under its name only when complete (written next to it, then renamed).
 */
export async function backupDatabase(
  pool: pg.Pool,
  file: string,
  options: {
    onStart?: (header: TBackupHeader) => void;
    onProgress?: (progress: TBackupProgress) => void;
  } = {},
): Promise<{ header: TBackupHeader; rows: number }> {
  const client = await pool.connect();
  const partial = `${file}.partial`;
  let rowsDone = 0;
  try {
    await client.query('begin isolation level repeatable read, read only');
    // A role that row-level security would filter gets an error here instead of a partial backup.
    await client.query('set local row_security = off');
    await client.query('set local idle_in_transaction_session_timeout = 0');
    const version = await readSchemaVersion(client);
    if (!version)
      throw new Error('This database has no Kap schema (no migrations applied): nothing to back up');
    const tables = (await listTablesInDependencyOrder(client)).filter(
      (t) => !SKIPPED_TABLES.includes(t.name),
    );
    const counted: TBackupTable[] = [];
    for (const table of tables) {
      const count = await client.query<{ n: string }>(`select count(*)::text as n from ${fromClause(table)}`);
      counted.push({ name: table.name, rows: Number(count.rows[0]?.n ?? 0) });
    }
    const header: TBackupHeader = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      kapVersion: readKapVersion(),
      schemaVersion: version,
      createdAt: await snapshotTime(client),
      tables: counted,
      skippedTables: [...SKIPPED_TABLES],
    };
    options.onStart?.(header);
    const rowsTotal = counted.reduce((sum, t) => sum + t.rows, 0);

    async function* lines(): AsyncGenerator<string> {
      yield controlLine('header', header);
      for (const table of tables) {
        yield controlLine('table', { name: table.name, columns: await listColumns(client, table.name) });
        await client.query(
          `declare kap_backup no scroll cursor for select row_to_json(t)::text from ${fromClause(table)} t`,
        );
        while (true) {
          const batch = await client.query<string[]>({
            text: `fetch ${FETCH_SIZE} from kap_backup`,
            rowMode: 'array',
          });
          if (batch.rows.length > 0) yield `${batch.rows.map((row) => toLine(row[0])).join('\n')}\n`;
          rowsDone += batch.rows.length;
          options.onProgress?.({ table: table.name, rowsDone, rowsTotal });
          if (batch.rows.length < FETCH_SIZE) break;
        }
        await client.query('close kap_backup');
      }
      yield controlLine('end', {
        rows: rowsDone,
        sequences: await readSequences(client),
      } satisfies TBackupEnd);
    }

    // Password and token hashes are in here: readable by the owner only.
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(partial, { mode: 0o600 }));
    await client.query('commit');
    renameSync(partial, file);
    return { header, rows: rowsDone };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    rmSync(partial, { force: true });
    throw error;
  } finally {
    client.release();
  }
}

/** The transaction's start: the moment the snapshot shows, whatever the clock of this machine says. */
async function snapshotTime(client: pg.ClientBase): Promise<string> {
  const result = await client.query<{ at: Date }>('select now() as at');
  return (result.rows[0]?.at ?? new Date()).toISOString();
}

const fromClause = (table: TTableInfo): string =>
  `${table.isPartitioned ? '' : 'only '}public.${quoteIdent(table.name)}`;

/**
 * Valid JSON has raw line breaks only as whitespace between tokens (a `json` column keeps its
 * original spacing), so turning them into spaces keeps one row on one line without changing data.
 */
function toLine(json: string | undefined): string {
  if (json === undefined) throw new Error('row_to_json returned nothing');
  return json.includes('\n') || json.includes('\r') ? json.replace(/[\r\n]/g, ' ') : json;
}
