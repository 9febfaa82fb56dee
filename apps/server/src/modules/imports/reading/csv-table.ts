import { pipeline, type Readable, Transform } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { AppError } from '../../../lib/errors.ts';
import { fileError } from './file-errors.ts';
import { readObjectBatches } from './object-batches.ts';
import type { TRawRecord } from './shape-rows.ts';
import type { TByteSource, TReadOptions, TTextEncoding } from './table-types.ts';

/**
 * Bytes → text, counting bytes for progress. UTF-8 is decoded strictly: a file detected as UTF-8
 * from its first megabyte that later holds other bytes is refused with where, rather than read
 * with replacement characters (that would change names and emails without anyone noticing).
 */
function decodeText(encoding: TTextEncoding, onBytes: ((bytesRead: number) => void) | undefined): Transform {
  let bytesRead = 0;
  if (encoding === 'utf-8') {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const decode = (chunk: Buffer | undefined) => {
      try {
        return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
      } catch {
        throw fileError(
          `The file is not valid UTF-8 (near byte ${bytesRead}); choose its encoding, e.g. windows-1252, windows-1251 or windows-1257`,
        );
      }
    };
    return new Transform({
      readableObjectMode: false,
      transform(chunk: Buffer, _encoding, callback) {
        bytesRead += chunk.length;
        onBytes?.(bytesRead);
        try {
          callback(null, decode(chunk));
        } catch (error) {
          callback(error as Error);
        }
      },
      flush(callback) {
        try {
          callback(null, decode(undefined));
        } catch (error) {
          callback(error as Error);
        }
      },
    });
  }
  const decoder = iconv.getDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytesRead += chunk.length;
      onBytes?.(bytesRead);
      callback(null, decoder.write(chunk));
    },
    flush(callback) {
      callback(null, decoder.end() ?? '');
    },
  });
}

/** Excel's hint line "sep=;" as csv-parse splits it with that delimiter. */
export function isSepLine(values: string[] | undefined): boolean {
  return values !== undefined && /^sep=.?$/.test(values[0] ?? '') && values.slice(1).every((v) => v === '');
}

/** csv-parse's own messages name the line; say it in the file's terms. */
function toFileError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof CsvError) {
    const line = (error as CsvError & { lines?: number }).lines;
    const where = line ? ` near line ${line}` : '';
    const reason =
      error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted value is never closed (a " without its closing ")'
        : error.message;
    return fileError(`The CSV file cannot be read${where}: ${reason}`);
  }
  return error;
}

/**
 * The records of a CSV/TSV file, streamed: bytes → decoder → csv-parse, in the batches the
 * parser has ready. Nothing but the parser's buffer (a few chunks) is held.
 */
export async function* readCsvRecordBatches(
  open: TByteSource,
  encoding: TTextEncoding,
  delimiter: string,
  options: TReadOptions = {},
): AsyncGenerator<TRawRecord[]> {
  const source: Readable = open();
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: 10 * 1024 * 1024,
  });
  const abort = () => source.destroy(options.signal?.reason ?? new Error('Aborted'));
  options.signal?.throwIfAborted();
  options.signal?.addEventListener('abort', abort, { once: true });
  // Errors of any stage end up in the parser, which the loop below reads.
  let failure: Error | null = null;
  pipeline(source, decodeText(encoding, options.onBytes), parser, (error) => {
    if (error) failure = error;
  });
  let position = 0;
  try {
    for await (const records of readObjectBatches<string[]>(parser)) {
      options.signal?.throwIfAborted();
      const batch = new Array<TRawRecord>(records.length);
      for (let i = 0; i < records.length; i++) batch[i] = { position: ++position, values: records[i] ?? [] };
      // Excel's "sep=;" first line names the delimiter; it is not the header.
      if (position === records.length && isSepLine(batch[0]?.values)) batch.shift();
      yield batch;
    }
    options.signal?.throwIfAborted();
    // A stage that failed may have ended the parser quietly; its error is the reading's.
    if (failure) throw failure;
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw toFileError(error);
  } finally {
    options.signal?.removeEventListener('abort', abort);
    source.destroy();
    parser.destroy();
  }
}
