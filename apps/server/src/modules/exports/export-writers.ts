import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { TCell } from './export-columns.ts';

/** Writes rows of cells as one file format to an output stream, keeping to its pace. */
export type TRowWriter = {
  writeRows: (rows: readonly TCell[][]) => Promise<void>;
  finish: () => Promise<void>;
};

/** Resolves when `out` wants more; rejects when the reader went away (closed, failed). */
export function drained(out: Writable): Promise<void> {
  if (out.destroyed || out.writableEnded) return Promise.reject(new Error('The export stream was closed'));
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onClose);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new Error('The export stream was closed'));
    };
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onClose);
  });
}

/** Writes a chunk, then waits while `out` is full; throws when the reader went away. */
export async function writeChunk(out: Writable, chunk: string | Buffer): Promise<void> {
  if (out.destroyed) throw new Error('The export stream was closed');
  if (!out.write(chunk)) await drained(out);
}

// A cell Excel would run as a formula ("=HYPERLINK(…)") is written as text. Phone numbers and
// negative numbers ("+374…", "-5") stay as they are.
const FORMULA_START = /^(?:[=@\t\r]|[+-][^\d\s.])/;

function csvText(cell: TCell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString();
  if (typeof cell !== 'string') return String(cell);
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

// With a record delimiter given, csv-stringify quotes a value holding a bare LF or CR only when
// asked to: without it a name with a line break would end the row.
const CSV_OPTIONS = { record_delimiter: 'windows', quote_record_delimiter: true } as const;

/** RFC 4180 CSV in UTF-8 (CRLF, quotes where needed), with a byte order mark if asked for. */
export function createCsvWriter(out: Writable, headers: readonly string[], hasBom: boolean): TRowWriter {
  let isStarted = false;
  const start = async () => {
    isStarted = true;
    await writeChunk(out, `${hasBom ? '\uFEFF' : ''}${stringify([headers.map(csvText)], CSV_OPTIONS)}`);
  };
  return {
    async writeRows(rows) {
      if (!isStarted) await start();
      if (rows.length === 0) return;
      await writeChunk(
        out,
        stringify(
          rows.map((row) => row.map(csvText)),
          CSV_OPTIONS,
        ),
      );
    },
    async finish() {
      if (!isStarted) await start();
      await new Promise<void>((resolve) => out.end(resolve));
    },
  };
}

/**
 * An .xlsx written as it goes (exceljs's streaming WorkbookWriter): each row is committed to the
 * zip at once, no shared-strings table grows with the file, and rows wait while `out` is full.
 */
export function createXlsxWriter(out: Writable, headers: readonly string[], sheetName: string): TRowWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.addRow([...headers]);
  header.font = { bold: true };
  header.commit();
  return {
    async writeRows(rows) {
      for (const cells of rows) {
        const row = sheet.addRow(cells.map((cell) => cell ?? undefined));
        cells.forEach((cell, i) => {
          if (cell instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd hh:mm:ss';
        });
        row.commit();
      }
      // Let the zip compress what was added, then wait while the reader is behind.
      await new Promise((resolve) => setImmediate(resolve));
      if (out.writableNeedDrain) await drained(out);
    },
    async finish() {
      sheet.commit();
      await workbook.commit();
    },
  };
}
