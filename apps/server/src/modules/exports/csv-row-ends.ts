import { Transform, type TransformCallback } from 'node:stream';

const QUOTE = 0x22;
const LF = 0x0a;
const CRLF = Buffer.from('\r\n');

/**
 * PostgreSQL's CSV ends rows with LF; RFC 4180 (and Kap's CSV) with CRLF. A newline outside
 * quotes ends a row: a value holding a newline is always quoted, and a quote inside a quoted
 * value is doubled, so toggling at every quote tells inside from outside, across chunks too.
 * Counts the rows it has passed.
 */
export class CsvRowEnds extends Transform {
  rows = 0;
  #isQuoted = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const parts: Buffer[] = [];
    let start = 0;
    let i = 0;
    let nextQuote = chunk.indexOf(QUOTE, 0);
    while (i < chunk.length) {
      if (this.#isQuoted) {
        if (nextQuote < 0) break;
        this.#isQuoted = false;
        i = nextQuote + 1;
        nextQuote = chunk.indexOf(QUOTE, i);
        continue;
      }
      const newline = chunk.indexOf(LF, i);
      if (nextQuote >= 0 && (newline < 0 || nextQuote < newline)) {
        this.#isQuoted = true;
        i = nextQuote + 1;
        nextQuote = chunk.indexOf(QUOTE, i);
        continue;
      }
      if (newline < 0) break;
      parts.push(chunk.subarray(start, newline), CRLF);
      this.rows += 1;
      start = newline + 1;
      i = start;
    }
    parts.push(chunk.subarray(start));
    done(null, Buffer.concat(parts));
  }
}
