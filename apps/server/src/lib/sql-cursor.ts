import { randomBytes } from 'node:crypto';
import { type Compilable, CompiledQuery } from 'kysely';
import type { TTrx } from '../db/tenant.ts';

/**
 * Reads a query's rows in batches through a server-side cursor (`DECLARE … CURSOR`) in the
 * caller's transaction: any number of rows with only one batch in memory, and one consistent
 * snapshot. The query is compiled by Kysely, so its values stay bound parameters and its result
 * rows go through the same plugins (camelCase keys) as an ordinary query's.
 */
export async function* fetchInBatches<R>(
  trx: TTrx,
  query: Compilable<R>,
  batchSize = 1000,
): AsyncGenerator<R[], void, undefined> {
  yield* fetchRawBatches(trx, query, batchSize, true) as AsyncGenerator<R[], void, undefined>;
}

/**
 * The same, with the rows as PostgreSQL names their columns (snake_case) when `isTransformed` is
 * false: the result plugins (camelCase, which also walks every nested JSON object) cost more than
 * the query on exports of many rows; the caller renames the few top-level keys itself.
 */
export async function* fetchRawBatches<R>(
  trx: TTrx,
  query: Compilable<R>,
  batchSize: number,
  isTransformed: boolean,
): AsyncGenerator<Record<string, unknown>[], void, undefined> {
  const reader = isTransformed ? trx : trx.withoutPlugins();
  const compiled = query.compile();
  const name = `kap_cursor_${randomBytes(6).toString('hex')}`;
  await trx.executeQuery(
    CompiledQuery.raw(`declare ${name} no scroll cursor for ${compiled.sql}`, [...compiled.parameters]),
  );
  let isOpen = true;
  try {
    while (true) {
      const result = await reader.executeQuery<Record<string, unknown>>(
        CompiledQuery.raw(`fetch forward ${batchSize} from ${name}`),
      );
      if (result.rows.length > 0) yield result.rows;
      if (result.rows.length < batchSize) break;
    }
    await trx.executeQuery(CompiledQuery.raw(`close ${name}`));
    isOpen = false;
  } finally {
    // Stopped early (the reader went away): close it so the transaction can go on or end cleanly.
    if (isOpen) await trx.executeQuery(CompiledQuery.raw(`close ${name}`)).catch(() => undefined);
  }
}

/**
 * A list's rows as a module hands them to an export: the query (filtered, scoped, ordered; its
 * columns named as the table names them, snake_case), for exports that format rows in SQL
 * (`COPY (…) TO STDOUT`), and the same rows as records, read in batches through a cursor.
 */
export type TRecordSource<R> = {
  query: Compilable<unknown>;
  readBatches: (batchSize: number) => AsyncGenerator<R[], void, undefined>;
};
