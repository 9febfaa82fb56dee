import { createRequire } from 'node:module';
import { finished } from 'node:stream/promises';
import { CompiledQuery } from 'kysely';
import pg from 'pg';
import { type CopyToStreamQuery, to as copyTo } from 'pg-copy-streams';
import type { TTrx } from '../db/tenant.ts';

// pg's own conversion of a JS value to the text it sends as a parameter (arrays as '{…}', dates
// with their offset, objects as JSON): inlined values are then exactly what PostgreSQL would get.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as {
  prepareValue: (value: unknown) => unknown;
};

/** A value as an SQL literal: untyped like pg's text parameters, so PostgreSQL infers the same type. */
export function toSqlLiteral(value: unknown): string {
  const prepared = prepareValue(value);
  if (prepared === null || prepared === undefined) return 'null';
  if (typeof prepared !== 'string') throw new Error('Only text-convertible values can be inlined into SQL');
  return pg.escapeLiteral(prepared);
}

const IDENTIFIER_CHAR = /[\w$]/;
const DOLLAR_TAG = /^\$(?:[A-Za-z_]\w*)?\$/;

/** Where the quoted text, comment or dollar-quoted string starting at `i` ends (exclusive). */
function skipQuoted(text: string, i: number): number {
  const c = text[i];
  if (c === "'" || c === '"') {
    // E'…' strings escape with backslashes; standard ones (all Kysely writes) only by doubling.
    const hasBackslashEscapes =
      c === "'" && /[Ee]/.test(text[i - 1] ?? '') && !IDENTIFIER_CHAR.test(text[i - 2] ?? '');
    let j = i + 1;
    while (j < text.length) {
      if (hasBackslashEscapes && text[j] === '\\') j += 2;
      else if (text[j] === c && text[j + 1] === c) j += 2;
      else if (text[j] === c) return j + 1;
      else j += 1;
    }
    return text.length;
  }
  if (text.startsWith('--', i)) {
    const end = text.indexOf('\n', i);
    return end < 0 ? text.length : end + 1;
  }
  if (text.startsWith('/*', i)) {
    const end = text.indexOf('*/', i + 2);
    return end < 0 ? text.length : end + 2;
  }
  const tag =
    c === '$' && !IDENTIFIER_CHAR.test(text[i - 1] ?? '') ? DOLLAR_TAG.exec(text.slice(i, i + 70)) : null;
  if (tag) {
    const end = text.indexOf(tag[0], i + tag[0].length);
    return end < 0 ? text.length : end + tag[0].length;
  }
  return i;
}

/**
 * A compiled query's text with each `$n` placeholder replaced by its value as a quoted literal:
 * for statements that take no parameters (`COPY (…) TO STDOUT`). Placeholders are recognised only
 * outside string literals, quoted identifiers, comments and dollar-quoted strings, and every value
 * goes through pg's escapeLiteral, so a value cannot end its literal and add SQL of its own.
 */
export function inlineParameters(compiled: { sql: string; parameters: readonly unknown[] }): string {
  const { sql: text, parameters } = compiled;
  let result = '';
  let i = 0;
  while (i < text.length) {
    const end = skipQuoted(text, i);
    if (end > i) {
      result += text.slice(i, end);
      i = end;
      continue;
    }
    const placeholder =
      text[i] === '$' && !IDENTIFIER_CHAR.test(text[i - 1] ?? '')
        ? /^\$(\d+)/.exec(text.slice(i, i + 12))
        : null;
    if (placeholder) {
      const index = Number(placeholder[1]) - 1;
      if (index < 0 || index >= parameters.length)
        throw new Error(`No value for placeholder ${placeholder[0]}`);
      result += toSqlLiteral(parameters[index]);
      i += placeholder[0].length;
      continue;
    }
    result += text[i];
    i += 1;
  }
  return result;
}

/**
 * Runs `COPY … TO STDOUT` on the transaction's own connection (so under its role, workspace and
 * snapshot) and answers the output as a byte stream that the server fills only as fast as it is
 * read (pg-copy-streams pauses the socket). Kysely hands whatever it is given as a statement to
 * the connection's pg client, which runs a Submittable itself and answers with it.
 *
 * The connection is busy until the stream has ended: a caller that stops reading must call
 * `discardCopy` before anything else runs on the transaction (rolling it back included).
 */
export async function openCopyOut(trx: TTrx, copySql: string): Promise<CopyToStreamQuery> {
  const stream = copyTo(copySql);
  // Nothing may throw unobserved: a failing COPY errors the stream, which its reader sees.
  stream.on('error', () => undefined);
  const statement = { ...CompiledQuery.raw('copy'), sql: stream as unknown as string };
  await trx.executeQuery(statement);
  return stream;
}

/**
 * Lets a COPY whose output is no longer wanted run to its end, throwing the rest away, so the
 * connection is free again (PostgreSQL offers no way to stop a COPY TO short of cancelling the
 * backend from another connection).
 */
export async function discardCopy(stream: CopyToStreamQuery): Promise<void> {
  // Never destroyed before its end: a destroyed copy stream stops reading the socket for good.
  if (stream.readableEnded || stream.errored) return;
  stream.unpipe();
  stream.removeAllListeners('data');
  stream.on('data', () => undefined);
  stream.resume();
  await finished(stream).catch(() => undefined);
}
