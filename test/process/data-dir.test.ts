import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { isProcessAlive } from '../../apps/server/src/db/data-dir-lock.ts';
import { KapExitedError, postJson, startKapProcess } from './kap-process.ts';

const dirs: string[] = [];
const newDataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kap-proc-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const postgresPidOf = (dataDir: string) =>
  Number.parseInt(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);

// These run real `kap serve` processes on Kap's own embedded PostgreSQL; once per `npm test`.
describe.skipIf(inject('databaseKind') !== 'embedded')('the embedded data directory', () => {
  it('refuses a second Kap on the same directory and stops cleanly on SIGTERM', async () => {
    const dataDir = newDataDir();
    const first = await startKapProcess(dataDir);
    const health = await fetch(`${first.url}/api/health`);
    expect(health.status).toBe(200);

    const second = await startKapProcess(dataDir).catch((error: unknown) => error);
    expect(second).toBeInstanceOf(KapExitedError);
    expect((second as KapExitedError).code).not.toBe(0);
    expect((second as KapExitedError).output).toMatch(/in use by another Kap process/);
    // The first one is untouched by the attempt.
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);

    const postgresPid = postgresPidOf(dataDir);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(isProcessAlive(postgresPid)).toBe(false);
  });

  it('recovers after kill -9 of Kap (orphaned postgres) and of postgres itself, losing no committed data', async () => {
    const dataDir = newDataDir();
    const first = await startKapProcess(dataDir);
    const signup = await postJson(`${first.url}/api/v1/auth/signup`, {
      workspaceName: 'Crash test',
      name: 'Ann',
      email: 'ann@crash.test',
      password: 'a long enough password',
    });
    expect(signup.status).toBe(201);
    const created = await postJson(`${first.url}/api/v1/people`, { firstName: 'Survivor' }, signup.cookie);
    expect(created.status).toBe(201);

    const orphan = postgresPidOf(dataDir);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(isProcessAlive(orphan)).toBe(true); // the child postgres outlives a SIGKILLed Kap

    const second = await startKapProcess(dataDir);
    expect(isProcessAlive(orphan)).toBe(false);
    const login = await postJson(`${second.url}/api/v1/auth/login`, { email: 'ann@crash.test', password: 'a long enough password' });
    expect(login.status).toBe(200);
    const person = await fetch(`${second.url}/api/v1/people/${String(created.json.id)}`, {
      headers: { cookie: login.cookie ?? '' },
    });
    expect(person.status).toBe(200);

    // Now a hard crash of both: Kap and its postgres die without any shutdown.
    const another = await postJson(`${second.url}/api/v1/people`, { firstName: 'Committed before crash' }, login.cookie);
    expect(another.status).toBe(201);
    const postgresPid = postgresPidOf(dataDir);
    second.child.kill('SIGKILL');
    process.kill(postgresPid, 'SIGKILL');
    await second.exited;

    const third = await startKapProcess(dataDir);
    const relogin = await postJson(`${third.url}/api/v1/auth/login`, { email: 'ann@crash.test', password: 'a long enough password' });
    const list = await fetch(`${third.url}/api/v1/people?sort=createdAt`, { headers: { cookie: relogin.cookie ?? '' } });
    const names = ((await list.json()) as { data: { firstName: string }[] }).data.map((p) => p.firstName);
    expect(names).toEqual(['Survivor', 'Committed before crash']);
    third.child.kill('SIGINT');
    expect(await third.exited).toBe(0);
  });

  it.skipIf(userInfo().uid !== 0)('also runs as an unprivileged user (here: nobody)', async () => {
    const dataDir = newDataDir();
    chownSync(dataDir, 65534, 65534);
    const kap = await startKapProcess(dataDir, {}, { uid: 65534, gid: 65534 });
    expect((await fetch(`${kap.url}/api/health`)).status).toBe(200);
    kap.child.kill('SIGTERM');
    expect(await kap.exited).toBe(0);
  });
});
