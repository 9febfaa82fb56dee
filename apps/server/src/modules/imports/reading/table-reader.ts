import iconv from 'iconv-lite';
import { readCsvRecordBatches } from './csv-table.ts';
import { detectDelimiter } from './detect-delimiter.ts';
import { fileError } from './file-errors.ts';
import { shapeRowBatches, type TRawRecord } from './shape-rows.ts';
import { HEAD_BYTES, readHead, sniffFileKind } from './sniff-bytes.ts';
import {
  SAMPLE_ROW_COUNT,
  type TByteSource,
  type TDelimiter,
  type TReadOptions,
  type TSourceRow,
  type TTableOptions,
  type TTableShape,
} from './table-types.ts';
import { readXlsxRecordBatches } from './xlsx-table.ts';

/** Excel writes "sep=;" as a CSV's first line to name its delimiter. */
const SEP_LINE = /^sep=([,;\t|])\r?\n/;

/** Reads the start of the file: its format, encoding, delimiter, headers and first rows. */
export async function detectTableShape(open: TByteSource, options: TTableOptions = {}): Promise<TTableShape> {
  const head = await readHead(open);
  const kind = sniffFileKind(head, options.encoding);
  let shape: TTableShape;
  if (kind.format === 'xlsx') {
    shape = {
      format: 'xlsx',
      encoding: null,
      delimiter: null,
      sheet: options.sheet ?? null,
      headers: [],
      sampleRows: [],
    };
  } else {
    const isComplete = head.length < HEAD_BYTES;
    const text = iconv.decode(head.subarray(kind.bomLength), kind.encoding);
    const sepLine = SEP_LINE.exec(text);
    const delimiter =
      options.delimiter ?? (sepLine?.[1] as TDelimiter | undefined) ?? detectDelimiter(text, isComplete);
    shape = { format: 'csv', encoding: kind.encoding, delimiter, sheet: null, headers: [], sampleRows: [] };
  }
  const { sampleRows } = shape;
  for await (const rows of readShapedRows(open, shape, {}, (headers, sheet) => {
    shape.headers = headers;
    if (shape.format === 'xlsx') shape.sheet = sheet;
  })) {
    for (const row of rows.slice(0, SAMPLE_ROW_COUNT - sampleRows.length)) sampleRows.push(row.values);
    if (sampleRows.length >= SAMPLE_ROW_COUNT) break;
  }
  return shape;
}

function readShapedRows(
  open: TByteSource,
  shape: TTableShape,
  options: TReadOptions,
  onHeaders: (headers: string[], sheet: string | null) => void,
): AsyncGenerator<TSourceRow[]> {
  let records: AsyncIterable<TRawRecord[]>;
  let sheet: string | null = shape.sheet;
  if (shape.format === 'xlsx') {
    records = readXlsxRecordBatches(open, shape.sheet, options, (name) => {
      sheet = name;
    });
  } else {
    if (!shape.encoding || !shape.delimiter) throw new Error('A CSV shape needs its encoding and delimiter');
    records = readCsvRecordBatches(open, shape.encoding, shape.delimiter, options);
  }
  return shapeRowBatches(records, (headers) => onHeaders(headers, sheet));
}

const checkSameHeaders = (shape: TTableShape) => (headers: string[]) => {
  const isSame = headers.length === shape.headers.length && headers.every((h, i) => h === shape.headers[i]);
  if (!isSame) throw fileError('The header row of the file is not the one detected before; upload it again');
};

/**
 * Streams the data rows of a file whose shape `detectTableShape` found, in the batches the
 * parser has ready (a few hundred rows; cheaper than one await per row). The header row must be
 * the one detected (the mapping refers to it). Memory holds a batch at a time.
 */
export function readTableRowBatches(
  open: TByteSource,
  shape: TTableShape,
  options: TReadOptions = {},
): AsyncGenerator<TSourceRow[]> {
  return readShapedRows(open, shape, options, checkSameHeaders(shape));
}

/** `readTableRowBatches`, row by row. */
export async function* readTableRows(
  open: TByteSource,
  shape: TTableShape,
  options: TReadOptions = {},
): AsyncGenerator<TSourceRow> {
  for await (const rows of readTableRowBatches(open, shape, options)) yield* rows;
}
