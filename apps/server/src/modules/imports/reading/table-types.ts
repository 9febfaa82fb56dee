import type { Readable } from 'node:stream';

/** Opens the file from its start; may be called several times (detection, then reading). */
export type TByteSource = () => Readable;

export type TTextEncoding =
  | 'utf-8'
  | 'utf-16le'
  | 'utf-16be'
  | 'windows-1251'
  | 'windows-1252'
  | 'windows-1257';
export const TEXT_ENCODINGS: readonly TTextEncoding[] = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'windows-1251',
  'windows-1252',
  'windows-1257',
];

export type TDelimiter = ',' | ';' | '\t' | '|';
export const DELIMITERS: readonly TDelimiter[] = [',', ';', '\t', '|'];

export type TTableOptions = { encoding?: TTextEncoding; delimiter?: TDelimiter; sheet?: string };

export type TTableShape = {
  format: 'csv' | 'xlsx';
  encoding: TTextEncoding | null;
  delimiter: string | null;
  sheet: string | null;
  headers: string[];
  /** The first data rows (at most 20), as `TSourceRow.values`. */
  sampleRows: string[][];
};

/** One data row: `rowNumber` counts data rows from 1 (the header excluded, blank rows included). */
export type TSourceRow = { rowNumber: number; values: string[] };

export type TReadOptions = { onBytes?: (bytesRead: number) => void; signal?: AbortSignal };

export const SAMPLE_ROW_COUNT = 20;
