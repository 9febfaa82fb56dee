import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { fileError } from './file-errors.ts';
import type { TRawRecord } from './shape-rows.ts';
import type { TByteSource, TReadOptions } from './table-types.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** Excel stores dates without a zone; exceljs reads them as UTC. Midnight means a plain date. */
export function formatExcelDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const isMidnight =
    date.getUTCHours() === 0 &&
    date.getUTCMinutes() === 0 &&
    date.getUTCSeconds() === 0 &&
    date.getUTCMilliseconds() === 0;
  return isMidnight ? day : date.toISOString();
}

/** A cell's value as the text the value parsers read: numbers as JS prints them, dates ISO. */
export function cellToText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return formatExcelDate(value);
  if (typeof value === 'object') {
    const cell = value as Record<string, unknown>;
    if (Array.isArray(cell.richText)) {
      return cell.richText
        .map((part: { text?: unknown }) => (typeof part.text === 'string' ? part.text : ''))
        .join('');
    }
    if ('error' in cell) return '';
    if ('formula' in cell || 'sharedFormula' in cell) return cellToText(cell.result);
    if ('text' in cell) return cellToText(cell.text);
    if ('hyperlink' in cell) return cellToText(cell.hyperlink);
  }
  return '';
}

const XLSX_BATCH_ROWS = 500;

type TWorksheetReader = AsyncIterable<ExcelJS.Row> & { name?: string; iterator?: unknown };

/**
 * A sheet that is not read. exceljs spools sheets that come before the shared strings to temp
 * files and deletes each once it has handed it out; an unread sheet's file stream would then
 * fail to open, with no one listening. Closing it first avoids that.
 */
function skipWorksheet(worksheet: TWorksheetReader): void {
  const stream = worksheet.iterator;
  if (stream instanceof Readable) {
    stream.on('error', () => {});
    stream.destroy();
  }
}

/**
 * Lets exceljs run to its end, skipping sheets, so that it deletes the temp files it made. Done
 * in the background when reading stopped early (a preview's first rows, an error, a cancel).
 */
async function finishWorkbook(sheets: AsyncIterator<TWorksheetReader>): Promise<void> {
  try {
    for (let next = await sheets.next(); !next.done; next = await sheets.next()) skipWorksheet(next.value);
  } catch {
    // The file is no longer wanted; only the clean-up was.
  }
}

/**
 * The rows of one sheet of an .xlsx file, streamed with exceljs' WorkbookReader: the named
 * sheet, or the first of the workbook. Shared strings are cached (the format needs them); rows
 * are not.
 */
export async function* readXlsxRecordBatches(
  open: TByteSource,
  sheet: string | null,
  options: TReadOptions = {},
  onSheet: (name: string | null) => void = () => {},
): AsyncGenerator<TRawRecord[]> {
  const source: Readable = open();
  let bytesRead = 0;
  if (options.onBytes) {
    const { onBytes } = options;
    source.on('data', (chunk: Buffer) => {
      bytesRead += chunk.length;
      onBytes(bytesRead);
    });
  }
  options.signal?.throwIfAborted();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets = (reader as unknown as AsyncIterable<TWorksheetReader>)[Symbol.asyncIterator]();
  const model = reader as unknown as { model?: { sheets?: { name: string }[] } };
  const names: string[] = [];
  let isFound = false;
  let isFinished = false;
  let rows: AsyncIterator<ExcelJS.Row> | null = null;
  try {
    for (let next = await sheets.next(); !next.done; next = await sheets.next()) {
      const worksheet = next.value;
      const name = worksheet.name ?? null;
      if (name) names.push(name);
      const first = model.model?.sheets?.[0]?.name ?? name;
      const isWanted = !isFound && (sheet !== null ? name === sheet : name === first);
      if (!isWanted) {
        skipWorksheet(worksheet);
        continue;
      }
      isFound = true;
      onSheet(name);
      rows = worksheet[Symbol.asyncIterator]();
      let batch: TRawRecord[] = [];
      for (let row = await rows.next(); !row.done; row = await rows.next()) {
        options.signal?.throwIfAborted();
        const cells = row.value.values as unknown[];
        const values: string[] = [];
        // row.values is 1-based (index 0 is empty) and sparse.
        for (let i = 1; i < cells.length; i++) values.push(cellToText(cells[i]));
        batch.push({ position: row.value.number, values });
        if (batch.length >= XLSX_BATCH_ROWS) {
          yield batch;
          batch = [];
        }
      }
      rows = null;
      if (batch.length > 0) yield batch;
      // The sheets after it are not read, only cleaned up.
      break;
    }
    isFinished = true;
    if (isFound) void finishWorkbook(sheets);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw fileError(
      `The Excel file cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    if (!isFinished) {
      const current = rows;
      void (async () => {
        await current?.return?.(undefined).catch(() => {});
        await finishWorkbook(sheets);
      })();
    }
  }
  if (!isFound) {
    if (sheet !== null && names.length > 0) {
      throw fileError(
        `The workbook has no sheet "${sheet}"; its sheets are ${names.map((n) => `"${n}"`).join(', ')}`,
      );
    }
    throw fileError('This zip archive is not an Excel (.xlsx) workbook');
  }
}
