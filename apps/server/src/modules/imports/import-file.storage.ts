import { Readable } from 'node:stream';
import type { TDb } from '../../db/pool.ts';
import { type TTrx, withWorkspace } from '../../db/tenant.ts';
import { AppError } from '../../lib/errors.ts';

/** ~1 MB a row: big enough that a 2 GB file is 2,000 rows, small enough to hold in memory. */
export const CHUNK_BYTES = 1024 * 1024;

export class FileTooLargeError extends AppError {
  constructor(maxBytes: number) {
    super('PAYLOAD_TOO_LARGE', `The file is larger than the limit of ${maxBytes} bytes`, [
      { path: 'file', message: `At most ${maxBytes} bytes` },
    ]);
  }
}

/**
 * Streams an upload into `import_file_chunks` as it arrives: memory holds one chunk, and every
 * Kap process (servers and workers share only PostgreSQL) can read the file afterwards.
 */
export async function storeFileChunks(
  trx: TTrx,
  workspaceId: string,
  importId: string,
  stream: AsyncIterable<Buffer>,
  maxBytes: number,
): Promise<number> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;
  let seq = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = pending.length === 1 && pending[0] ? pending[0] : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await trx.insertInto('importFileChunks').values({ workspaceId, importId, seq: seq++, data }).execute();
  };
  for await (const piece of stream) {
    total += piece.length;
    if (total > maxBytes) throw new FileTooLargeError(maxBytes);
    let rest = piece;
    while (rest.length > 0) {
      const take = Math.min(rest.length, CHUNK_BYTES - pendingBytes);
      pending.push(rest.subarray(0, take));
      pendingBytes += take;
      rest = rest.subarray(take);
      if (pendingBytes === CHUNK_BYTES) await flush();
    }
  }
  await flush();
  return total;
}

type TChunkReader = (seq: number) => Promise<Buffer | undefined>;

function openChunks(readChunk: TChunkReader): Readable {
  async function* chunks() {
    for (let seq = 0; ; seq++) {
      const data = await readChunk(seq);
      if (!data) return;
      yield data;
    }
  }
  // Byte mode: the stream buffers about one chunk ahead, not sixteen.
  return Readable.from(chunks(), { objectMode: false });
}

/** The stored file, read inside an open transaction (a request's). */
export function openFileInTransaction(trx: TTrx, workspaceId: string, importId: string): () => Readable {
  return () =>
    openChunks(async (seq) => {
      const row = await trx
        .selectFrom('importFileChunks')
        .select('data')
        .where('workspaceId', '=', workspaceId)
        .where('importId', '=', importId)
        .where('seq', '=', seq)
        .executeTakeFirst();
      return row?.data;
    });
}

/** The stored file, each chunk read in its own short transaction (the job's batches run beside it). */
export function openFile(db: TDb, workspaceId: string, importId: string): () => Readable {
  return () =>
    openChunks((seq) =>
      withWorkspace(db, workspaceId, async (trx) => {
        const row = await trx
          .selectFrom('importFileChunks')
          .select('data')
          .where('workspaceId', '=', workspaceId)
          .where('importId', '=', importId)
          .where('seq', '=', seq)
          .executeTakeFirst();
        return row?.data;
      }),
    );
}

export async function deleteFileChunks(trx: TTrx, workspaceId: string, importId: string): Promise<void> {
  await trx
    .deleteFrom('importFileChunks')
    .where('workspaceId', '=', workspaceId)
    .where('importId', '=', importId)
    .execute();
}
