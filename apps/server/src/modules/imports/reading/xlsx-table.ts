import type { Readable } from 'node:stream';
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

type TWorksheetReader = AsyncIterable<ExcelJS.Row> & { name?: string; id?: number };

/**
 * The rows of one sheet of an .xlsx file, streamed with exceljs' WorkbookReader: the named
 * sheet, or the first of the workbook. Shared strings are cached (the format needs them); rows
 * are not.
 */
export async function* readXlsxRecords(
  open: TByteSource,
  sheet: string | null,
  options: TReadOptions = {},
  onSheet: (name: string | null) => void = () => {},
): AsyncGenerator<TRawRecord> {
  const source: Readable = open();
  let bytesRead = 0;
  if (options.onBytes) {
    const { onBytes } = options;
    source.on('data', (chunk: Buffer) => {
      bytesRead += chunk.length;
      onBytes(bytesRead);
    });
  }
  const abort = () => source.destroy(options.signal?.reason ?? new Error('Aborted'));
  options.signal?.throwIfAborted();
  options.signal?.addEventListener('abort', abort, { once: true });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const names: string[] = [];
  let isFound = false;
  try {
    for await (const worksheet of reader as AsyncIterable<TWorksheetReader>) {
      const sheets = (reader as unknown as { model?: { sheets?: { name: string }[] } }).model?.sheets ?? [];
      const name = worksheet.name ?? null;
      if (name) names.push(name);
      const isWanted = sheet !== null ? name === sheet : name === null || name === (sheets[0]?.name ?? name);
      if (!isWanted || isFound) continue;
      isFound = true;
      onSheet(name);
      for await (const row of worksheet) {
        const cells = row.values as unknown[];
        const values: string[] = [];
        // row.values is 1-based (index 0 is empty) and sparse.
        for (let i = 1; i < cells.length; i++) values.push(cellToText(cells[i]));
        yield { position: row.number, values };
      }
    }
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw fileError(
      `The Excel file cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    options.signal?.removeEventListener('abort', abort);
    source.destroy();
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
