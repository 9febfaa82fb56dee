export { fileError } from './file-errors.ts';
export { toColumnLetter } from './shape-rows.ts';
export { detectTableShape, readTableRowBatches, readTableRows } from './table-reader.ts';
export {
  DELIMITERS,
  SAMPLE_ROW_COUNT,
  type TByteSource,
  type TDelimiter,
  TEXT_ENCODINGS,
  type TReadOptions,
  type TSourceRow,
  type TTableOptions,
  type TTableShape,
  type TTextEncoding,
} from './table-types.ts';
export { cellToText, formatExcelDate } from './xlsx-table.ts';
