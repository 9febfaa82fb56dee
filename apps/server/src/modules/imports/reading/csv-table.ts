import { pipeline, type Readable, Transform } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { fileError } from './file-errors.ts';
import { readObjectBatches } from './object-batches.ts';
import type { TRawRecord } from './shape-rows.ts';
import type { TByteSource, TReadOptions, TTextEncoding } from './table-types.ts';

function countBytes(onBytes: ((bytesRead: number) => void) | undefined): Transform {
  let bytesRead = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytesRead += chunk.length;
      onBytes?.(bytesRead);
      callback(null, chunk);
    },
  });
}

/** csv-parse's own messages name the line; say it in the file's terms. */
function toFileError(error: unknown): unknown {
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
  pipeline(source, countBytes(options.onBytes), iconv.decodeStream(encoding), parser, (error) => {
    if (error) failure = error;
  });
  let position = 0;
  try {
    for await (const records of readObjectBatches<string[]>(parser)) {
      options.signal?.throwIfAborted();
      const batch = new Array<TRawRecord>(records.length);
      for (let i = 0; i < records.length; i++) batch[i] = { position: ++position, values: records[i] ?? [] };
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
