import { fileError } from './file-errors.ts';
import type { TSourceRow } from './table-types.ts';

/** A record as the file holds it; `position` is its 1-based place among the file's records or rows. */
export type TRawRecord = { position: number; values: string[] };

/** "A", "B", ... "AA": how spreadsheet users name a column. */
export function toColumnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

const isBlank = (values: string[]) => values.every((value) => value.trim() === '');

/** Trimmed headers; blank ones at the end (a trailing delimiter) dropped, others refused. */
export function checkHeaders(raw: string[]): string[] {
  const headers = raw.map((header) => header.trim());
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  const seen = new Map<string, number>();
  headers.forEach((header, index) => {
    const column = `column ${index + 1} (${toColumnLetter(index)})`;
    if (header === '') throw fileError(`The header of ${column} is blank; every column needs a name`);
    const key = header.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      throw fileError(
        `The header "${header}" of ${column} repeats column ${first + 1} (${toColumnLetter(first)}); headers must differ`,
      );
    }
    seen.set(key, index);
  });
  return headers;
}

/**
 * The file's records as data rows: the first non-blank record is the header row; later rows are
 * trimmed and padded to its width, blank rows skipped, and a row wider than it refused.
 */
export async function* shapeRowBatches(
  batches: AsyncIterable<TRawRecord[]>,
  onHeaders: (headers: string[]) => void,
): AsyncGenerator<TSourceRow[]> {
  let headerPosition = -1;
  let width = 0;
  for await (const records of batches) {
    const rows: TSourceRow[] = [];
    for (const record of records) {
      if (headerPosition < 0) {
        if (isBlank(record.values)) continue;
        const headers = checkHeaders(record.values);
        headerPosition = record.position;
        width = headers.length;
        onHeaders(headers);
        continue;
      }
      const row = toSourceRow(record, record.position - headerPosition, width);
      if (row) rows.push(row);
    }
    if (rows.length > 0) yield rows;
  }
  if (headerPosition < 0) throw fileError('The file has no header row');
}

function toSourceRow(record: TRawRecord, rowNumber: number, width: number): TSourceRow | null {
  const raw = record.values;
  const values = new Array<string>(width);
  let isEmpty = true;
  for (let i = 0; i < width; i++) {
    const value = raw[i];
    const trimmed = value === undefined ? '' : value.trim();
    if (trimmed !== '') isEmpty = false;
    values[i] = trimmed;
  }
  for (let i = width; i < raw.length; i++) {
    if ((raw[i] ?? '').trim() !== '') {
      throw fileError(
        `Row ${rowNumber} has a value in column ${i + 1} (${toColumnLetter(i)}), but the header row has only ${width} columns`,
      );
    }
  }
  return isEmpty ? null : { rowNumber, values };
}
