import iconv from 'iconv-lite';
import { fileError } from './file-errors.ts';
import type { TByteSource, TTextEncoding } from './table-types.ts';

/** How much of the file's start decides its kind, encoding and delimiter. */
export const HEAD_BYTES = 1024 * 1024;

/** The first `maxBytes` of the file (fewer if it is shorter); the rest is never read. */
export async function readHead(open: TByteSource, maxBytes = HEAD_BYTES): Promise<Buffer> {
  const stream = open();
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      chunks.push(buffer);
      length += buffer.length;
      if (length >= maxBytes) break;
    }
  } finally {
    stream.destroy();
  }
  const head = Buffer.concat(chunks, length);
  return head.length > maxBytes ? head.subarray(0, maxBytes) : head;
}

const startsWith = (head: Buffer, bytes: number[]) => bytes.every((byte, i) => head[i] === byte);

/** Files people upload by mistake, by their first bytes, with the name users know them by. */
const KNOWN_BINARY: { name: string; magic: number[] }[] = [
  { name: 'a PNG image', magic: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'a JPEG image', magic: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', magic: [0x47, 0x49, 0x46, 0x38] },
  { name: 'a PDF document', magic: [0x25, 0x50, 0x44, 0x46] },
  { name: 'a gzip archive', magic: [0x1f, 0x8b] },
  { name: 'a 7-Zip archive', magic: [0x37, 0x7a, 0xbc, 0xaf] },
  { name: 'a RAR archive', magic: [0x52, 0x61, 0x72, 0x21] },
  { name: 'an old Excel (.xls) or Word file; save it as .xlsx or CSV', magic: [0xd0, 0xcf, 0x11, 0xe0] },
];

export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export type TFileKind = { format: 'xlsx' } | { format: 'csv'; encoding: TTextEncoding; bomLength: number };

/**
 * Tells a spreadsheet from text and finds the text's encoding. `head` is the file's start;
 * `forced` is the encoding the user chose, if any.
 */
export function sniffFileKind(head: Buffer, forced?: TTextEncoding): TFileKind {
  if (head.length === 0) throw fileError('The file is empty');
  if (startsWith(head, ZIP_MAGIC)) return { format: 'xlsx' };
  for (const known of KNOWN_BINARY) {
    if (startsWith(head, known.magic)) {
      throw fileError(`This is ${known.name}, not a CSV or Excel (.xlsx) file`);
    }
  }
  const bom = findBom(head);
  if (forced) {
    return { format: 'csv', encoding: forced, bomLength: bom?.encoding === forced ? bom.length : 0 };
  }
  if (bom) return { format: 'csv', encoding: bom.encoding, bomLength: bom.length };
  const utf16 = guessUtf16ByNuls(head);
  if (utf16) return { format: 'csv', encoding: utf16, bomLength: 0 };
  if (looksBinary(head)) throw fileError('This is a binary file, not a CSV or Excel (.xlsx) file');
  if (isValidUtf8(head)) return { format: 'csv', encoding: 'utf-8', bomLength: 0 };
  return { format: 'csv', encoding: guessSingleByteEncoding(head), bomLength: 0 };
}

function findBom(head: Buffer): { encoding: TTextEncoding; length: number } | null {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', length: 3 };
  if (startsWith(head, [0xff, 0xfe])) return { encoding: 'utf-16le', length: 2 };
  if (startsWith(head, [0xfe, 0xff])) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** UTF-16 text without a BOM: ASCII characters leave a NUL in every other byte. */
function guessUtf16ByNuls(head: Buffer): TTextEncoding | null {
  const sample = Math.min(head.length, 4096) & ~1;
  if (sample < 4) return null;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < sample; i += 2) {
    if (head[i] === 0) evenNuls++;
    if (head[i + 1] === 0) oddNuls++;
  }
  const pairs = sample / 2;
  if (oddNuls > pairs * 0.3 && evenNuls < pairs * 0.05) return 'utf-16le';
  if (evenNuls > pairs * 0.3 && oddNuls < pairs * 0.05) return 'utf-16be';
  return null;
}

/** NULs or many control characters (other than tab, CR, LF, FF) mean this is not text. */
function looksBinary(head: Buffer): boolean {
  const sample = Math.min(head.length, 65536);
  let control = 0;
  for (let i = 0; i < sample; i++) {
    const byte = head[i] ?? 0;
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
  }
  return control > sample * 0.01;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Valid UTF-8, allowing a character cut off at the end of the sample. */
function isValidUtf8(head: Buffer): boolean {
  let end = head.length;
  // Step back over the continuation bytes of a last character that the sample may have cut.
  for (let back = 0; back < 3 && end > 0 && ((head[end - 1] ?? 0) & 0xc0) === 0x80; back++) end--;
  if (end > 0 && (head[end - 1] ?? 0) >= 0xc0) end--;
  else if (end < head.length) end = head.length;
  try {
    fatalUtf8.decode(head.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

const CYRILLIC = /[\u0400-\u04ff]/u;

const byteSet = (bytes: number[]) => new Set(bytes);
/** š ž Š Ž in Windows-1257; in 1252 they are the Icelandic ð þ Ð Þ, which other text never has. */
const BALTIC_SZ = byteSet([0xd0, 0xf0, 0xde, 0xfe]);
/** ė ū ų and capitals in 1257; ë û ø in 1252, which western text uses now and then. */
const BALTIC_OTHER = byteSet([0xcb, 0xeb, 0xdb, 0xfb, 0xd8, 0xf8]);
/** ç ê í ñ ú â î ô ù ì ï ã ý ò (and capitals) in 1252: Latvian or Polish rarities in 1257. */
const WESTERN = byteSet([
  0xe7, 0xc7, 0xea, 0xca, 0xed, 0xcd, 0xf1, 0xd1, 0xfa, 0xda, 0xe2, 0xc2, 0xee, 0xce, 0xf4, 0xd4, 0xf9, 0xd9,
  0xec, 0xcc, 0xef, 0xcf, 0xe3, 0xc3, 0xfd, 0xdd, 0xf2, 0xd2,
]);

/**
 * Text that is not UTF-8 comes from a Windows code page. Cyrillic words are runs of high bytes
 * (1251); Lithuanian has š and ž, which Western European text lacks (1257); else 1252.
 */
export function guessSingleByteEncoding(head: Buffer): TTextEncoding {
  let high = 0;
  let highAfterHigh = 0;
  let sz = 0;
  let baltic = 0;
  let western = 0;
  for (let i = 0; i < head.length; i++) {
    const byte = head[i] ?? 0;
    if (byte < 0xc0) continue;
    high++;
    if (i > 0 && (head[i - 1] ?? 0) >= 0xc0) highAfterHigh++;
    if (BALTIC_SZ.has(byte)) sz++;
    else if (BALTIC_OTHER.has(byte)) baltic++;
    else if (WESTERN.has(byte)) western++;
  }
  if (high > 0 && highAfterHigh / high > 0.4 && CYRILLIC.test(iconv.decode(head, 'windows-1251'))) {
    return 'windows-1251';
  }
  return sz > 0 && 3 * sz + baltic > 2 * western ? 'windows-1257' : 'windows-1252';
}
