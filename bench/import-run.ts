// The steps the import benches share: an owner account and its actor, a directory the PostgreSQL
// server can write (server-side COPY), a CSV file stored as an upload, and an import run timed.
import { chmodSync, createReadStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signUp, type TActor, type TOpenDatabase, withWorkspace } from '../apps/server/src/index.ts';
import {
  completeUpload,
  getImport,
  openUpload,
  runImportNow,
  storeUpload,
} from '../apps/server/src/modules/imports/index.ts';
import { BENCH_PASSWORD } from './bench-setup.ts';

type TDb = TOpenDatabase['db'];
type TRunOptions = Parameters<typeof runImportNow>[2];

/** A new workspace with its owner (e-mail `<emailPrefix>-<now>@bench.test`) and the owner as an actor. */
export async function signUpBenchOwner(db: TDb, workspaceName: string, emailPrefix = 'bench') {
  const account = await signUp(
    db,
    {
      workspaceName,
      name: 'Bench',
      email: `${emailPrefix}-${Date.now()}@bench.test`,
      password: BENCH_PASSWORD,
    },
    true,
  );
  const actor: TActor = {
    type: 'user',
    userId: account.userId,
    apiKeyId: null,
    name: 'Bench',
    workspaceId: account.workspaceId,
    role: 'owner',
    requestId: null,
  };
  return { ...account, actor };
}

/** A fresh temporary directory anyone may write, so server-side COPY … TO can write into it. */
export function makeSharedTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o777);
  return dir;
}

/** Streams the file at `path` into an upload and completes it with `fields`: the import it opened. */
export function uploadImportFile(
  db: TDb,
  actor: TActor,
  path: string,
  fileName: string,
  fields: Record<string, string>,
) {
  return withWorkspace(db, actor.workspaceId, async (trx) => {
    const id = await openUpload(trx, actor);
    const size = await storeUpload(trx, actor, id, createReadStream(path), 4 * 1024 ** 3);
    return completeUpload(trx, actor, id, { fileName, fileSize: size, fields });
  });
}

/** Runs the import `id` now, timed: its outcome, the seconds it took and the import as stored after it. */
export async function runImportTimed(db: TDb, actor: TActor, id: string, options?: TRunOptions) {
  const started = performance.now();
  const outcome = await runImportNow(db, { workspaceId: actor.workspaceId, id }, options);
  const seconds = (performance.now() - started) / 1000;
  const result = await withWorkspace(db, actor.workspaceId, (trx) => getImport(trx, actor, id));
  return { outcome, seconds, result };
}
