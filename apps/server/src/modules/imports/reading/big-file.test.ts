import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { detectTableShape, readTableRows } from './index.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ROWS = 100_000;
const NAMES = ['Anna', 'Նինո', 'ნინო', 'Šarūnas', 'Jonas', 'Иван'];

/** A 100k-row people CSV (about 60 MB), generated as it is read: nothing of it exists at once. */
function generatedCsv(): Readable {
  return Readable.from(
    (function* () {
      yield 'First Name;Last Name;Email;Phone;Note\r\n';
      const padding = 'x'.repeat(500);
      for (let i = 1; i <= ROWS; i++) {
        const name = NAMES[i % NAMES.length];
        yield `${name};Surname ${i};person${i}@example.com;+37491${String(i).padStart(6, '0')};"note ${i}\n${padding}"\r\n`;
      }
    })(),
  );
}

describe('a 100k-row file', () => {
  it('is streamed: rows arrive while the file is read and the retained heap stays flat', async () => {
    const shape = await detectTableShape(generatedCsv);
    expect(shape).toMatchObject({ delimiter: ';', encoding: 'utf-8' });
    let bytesRead = 0;
    let bytesAtFirstRow = -1;
    let count = 0;
    let lastNumber = 0;
    gc();
    const before = process.memoryUsage().heapUsed;
    let peakRetained = 0;
    const started = performance.now();
    for await (const row of readTableRows(generatedCsv, shape, { onBytes: (n) => (bytesRead = n) })) {
      if (bytesAtFirstRow < 0) bytesAtFirstRow = bytesRead;
      count++;
      expect(row.rowNumber).toBe(lastNumber + 1);
      lastNumber = row.rowNumber;
      if (count % 20_000 === 0) {
        gc();
        peakRetained = Math.max(peakRetained, process.memoryUsage().heapUsed - before);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    expect(count).toBe(ROWS);
    expect(bytesRead).toBeGreaterThan(50_000_000);
    expect(bytesAtFirstRow).toBeLessThan(1_000_000);
    // Holding the file would retain > 50 MB; a stream retains a few chunks.
    expect(peakRetained).toBeLessThan(8_000_000);
    console.info(
      `read ${count} rows (${(bytesRead / 1e6).toFixed(0)} MB) in ${seconds.toFixed(2)} s: ` +
        `${Math.round(count / seconds)} rows/s, retained heap growth ≤ ${(peakRetained / 1e6).toFixed(1)} MB`,
    );
  });
});
