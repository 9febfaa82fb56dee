import { createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { AppError } from '../../../lib/errors.ts';
import type { TByteSource } from './table-types.ts';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** A fixture file as a byte source. */
export const fixture =
  (name: string): TByteSource =>
  () =>
    createReadStream(join(fixtures, name), { highWaterMark: 64 });

/** Bytes in memory as a byte source, in small chunks so that records span chunks. */
export const bytesOf =
  (content: string | Buffer): TByteSource =>
  () => {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
    return Readable.from(chunks);
  };

/** Expects VALIDATION_FAILED at the path `file` with a message matching `message`. */
export async function expectFileError(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.code).toBe('VALIDATION_FAILED');
  expect(appError.message).toMatch(message);
  expect(appError.details).toEqual([{ path: 'file', message: appError.message }]);
}

export async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const row of rows) all.push(row);
  return all;
}
