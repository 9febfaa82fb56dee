import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TSession } from '../../../../../test/helpers.ts';

const { app, db } = await createTestApp();

const ROWS = 21_000;

// A real garbage collection before each heap reading, so the readings show what is kept, not litter.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const heapMb = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};
const FILLER = 'x'.repeat(1500);
let owner: TSession;
let baseUrl = '';

beforeAll(async () => {
  owner = await signUp(app, 'Big export workspace');
  // Written straight to the table (as the superuser the tests connect as): 25k people in one statement.
  await sql`
    insert into people (workspace_id, id, first_name, last_name, owner_id)
    select ${owner.me.workspace.id}::uuid, gen_random_uuid(), 'Person ' || g, ${FILLER}, ${owner.me.user?.id}::uuid
      from generate_series(1, ${ROWS}) g`.execute(db);
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app.close();
});

/** Exports whose transaction is still open (reading the cursor, or waiting for the client). */
async function exportsInProgress(): Promise<number> {
  const result = await sql<{ count: number }>`
    select count(*)::int as count from pg_stat_activity
     where datname = current_database() and application_name = 'kap export'
       and state in ('active', 'idle in transaction')`.execute(db);
  return result.rows[0]?.count ?? 0;
}

describe('an export of 25k rows', () => {
  it('streams: while the client stops reading, the server waits mid-cursor; then every row arrives', async () => {
    const body = JSON.stringify({ objectType: 'person', columns: ['firstName', 'lastName'] });
    const before = await exportsInProgress();
    const heapBefore = heapMb();
    let received = 0;
    let text = '';
    const done = new Promise<void>((resolve, reject) => {
      const req = request(
        `${baseUrl}/api/v1/exports`,
        { method: 'POST', headers: { cookie: owner.cookie, 'content-type': 'application/json' } },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-length']).toBeUndefined();
          res.setEncoding('utf8');
          let isPaused = false;
          res.on('data', (chunk: string) => {
            received += Buffer.byteLength(chunk);
            text += chunk;
            if (isPaused) return;
            isPaused = true;
            res.pause();
            void (async () => {
              // Give the server time to fill every buffer between us, then look at it.
              await new Promise((r) => setTimeout(r, 1500));
              const waiting = await exportsInProgress();
              const receivedWhilePaused = received;
              const heapGrowth = heapMb() - heapBefore;
              res.resume();
              try {
                expect(waiting).toBe(before + 1);
                expect(receivedWhilePaused).toBeLessThan(ROWS * FILLER.length * 0.5);
                // The file is over 30 MB; the server holds a batch or two of it (2000 rows each),
                // however many rows there are: well under half of the file.
                expect(heapGrowth).toBeLessThan((ROWS * FILLER.length) / 1024 / 1024 / 2);
              } catch (error) {
                reject(error);
              }
            })();
          });
          res.on('end', () => resolve());
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    await done;
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(ROWS + 1);
    expect(lines[0]).toBe('First name,Last name');
    expect(new Set(lines.slice(1).map((line) => line.split(',')[0])).size).toBe(ROWS);
    expect(await exportsInProgress()).toBe(before);
  });
});
