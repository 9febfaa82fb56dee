import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type TOpenDatabase } from '../apps/server/src/index.ts';

/** DATABASE_URL when set (the PostgreSQL server), else a throw-away embedded PostgreSQL. */
export async function openBenchDatabase(): Promise<TOpenDatabase & { label: string }> {
  if (process.env.DATABASE_URL) {
    const database = await openDatabase({
      databaseUrl: process.env.DATABASE_URL,
      dataDir: '',
      log: () => undefined,
    });
    const version = await database.pool.query<{ v: string }>("select current_setting('server_version') as v");
    return { ...database, label: `PostgreSQL ${version.rows[0]?.v} (DATABASE_URL)` };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'kap-bench-'));
  const database = await openDatabase({ databaseUrl: null, dataDir, log: () => undefined });
  const version = await database.pool.query<{ v: string }>("select current_setting('server_version') as v");
  return {
    ...database,
    label: `embedded PostgreSQL ${version.rows[0]?.v}`,
    close: async () => {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function timeEach(iterations: number, work: (i: number) => Promise<void>): Promise<number[]> {
  for (let i = 0; i < Math.min(20, iterations); i++) await work(i); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await work(i);
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b);
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

export function report(name: string, kap: number[], raw: number[]) {
  const row = (label: string, s: number[]) =>
    `${label.padEnd(10)} p50 ${percentile(s, 50).toFixed(2).padStart(7)} ms   p95 ${percentile(s, 95).toFixed(2).padStart(7)} ms`;
  console.log(`\n${name}`);
  console.log(`  ${row('Kap API', kap)}`);
  console.log(`  ${row('raw SQL', raw)}`);
  console.log(
    `  ratio      p50 ${(percentile(kap, 50) / percentile(raw, 50)).toFixed(2)}×        p95 ${(percentile(kap, 95) / percentile(raw, 95)).toFixed(2)}×   (p95 overhead ${(percentile(kap, 95) - percentile(raw, 95)).toFixed(2)} ms)`,
  );
}

/** "p50 1.23 ms, p95 4.56 ms" for sorted samples. */
export const formatP50P95 = (sorted: number[]) =>
  `p50 ${percentile(sorted, 50).toFixed(2)} ms, p95 ${percentile(sorted, 95).toFixed(2)} ms`;
