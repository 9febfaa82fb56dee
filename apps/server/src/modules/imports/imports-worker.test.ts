import { afterAll, describe, expect, it } from 'vitest';
import { createFreshDatabase, createTestApp, signUp } from '../../../../../test/helpers.ts';
import { startImportWorker } from './imports.jobs.ts';
import { csvOf, getImportOf, uploadOk } from './imports-test-kit.ts';

// A database of its own: the worker takes any queued import, and other test files queue theirs.
const { app, db, pool } = await createTestApp({ databaseUrl: await createFreshDatabase() });
const quiet = { info: () => undefined, error: (obj: object, msg: string) => console.error(msg, obj) };

describe('imports: the worker', () => {
  let stop: (() => Promise<void>) | null = null;
  afterAll(async () => {
    await stop?.();
  });

  it('runs an import started over HTTP as soon as the start commits (NOTIFY), with progress on the row', async () => {
    stop = await startImportWorker(pool, db, quiet);
    const owner = await signUp(app, 'Worker');
    const rows = Array.from({ length: 300 }, (_, i) => [`W${i}`, `worker${i}@example.com`]);
    const uploaded = await uploadOk(
      app,
      owner,
      {
        objectType: 'person',
        mapping: JSON.stringify({
          columns: [
            { column: 'name', target: 'firstName' },
            { column: 'mail', target: 'email' },
          ],
        }),
        match: 'email',
      },
      { name: 'w.csv', content: csvOf([['name', 'mail'], ...rows]) },
    );
    expect(uploaded.status).toBe('queued');
    const deadline = Date.now() + 60_000;
    let current = uploaded;
    while (current.status !== 'completed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      current = await getImportOf(app, owner, uploaded.id);
    }
    // Well before the 15 s sweep would have found it.
    expect(current).toMatchObject({ status: 'completed', processed: 300, created: 300, percent: 100 });
    expect(Date.parse(current.startedAt ?? '') - Date.parse(current.createdAt)).toBeLessThan(10_000);
  });
});
