// Test fixture (run as a child process by imports-job.test.ts): runs an import and kills its own
// process with SIGKILL inside the third batch's transaction — after the batch's writes, before
// its commit — as `kill -9` of a worker would.
import { createDb, createPool } from '../../db/pool.ts';
import { runImportNow } from './imports.jobs.ts';

const [url, workspaceId, id] = process.argv.slice(2);
if (!url || !workspaceId || !id) throw new Error('usage: <databaseUrl> <workspaceId> <importId>');
const db = createDb(createPool(url, 3));
await runImportNow(
  db,
  { workspaceId, id },
  {
    batchSize: 100,
    afterBatchWrite: (batchIndex) => {
      if (batchIndex === 2) process.kill(process.pid, 'SIGKILL');
    },
  },
);
