import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { TDb } from '../../db/pool.ts';
import { type TTrx, withWorkspace } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import { selectRejectedRows } from './imports.repository.ts';
import { getImportRow } from './imports.service.ts';

const PAGE = 2000;

/**
 * The rejected rows as CSV: the file's own columns, then `row` (its number in the file, the
 * header being row 1) and `reason`. Streamed a page at a time, each page read in its own short
 * transaction, so a large file never sits in memory or holds a transaction open while the
 * client downloads.
 */
export async function openRejectedRowsCsv(
  trx: TTrx,
  db: TDb,
  actor: TActor,
  id: string,
): Promise<{ fileName: string; stream: Readable }> {
  const row = await getImportRow(trx, actor, id);
  const headers = row.shape?.headers ?? [];
  const workspaceId = actor.workspaceId;
  async function* records() {
    yield [...headers, 'row', 'reason'];
    let after = 0;
    for (;;) {
      const page = await withWorkspace(db, workspaceId, (pageTrx) =>
        selectRejectedRows(pageTrx, workspaceId, id, after, PAGE),
      );
      for (const rejected of page) {
        const cells = headers.map((_, index) => rejected.cells[index] ?? '');
        // Cells beyond the header (ragged rows) are kept too.
        const extra = rejected.cells.slice(headers.length);
        yield [...cells, ...extra, String(rejected.rowNumber + 1), rejected.reason];
      }
      if (page.length < PAGE) return;
      after = page.at(-1)?.rowNumber ?? after;
    }
  }
  const base = row.fileName.replace(/\.[^.]*$/, '') || 'import';
  return {
    fileName: `${base}-rejected.csv`,
    stream: Readable.from(records()).pipe(stringify({ bom: true })),
  };
}
