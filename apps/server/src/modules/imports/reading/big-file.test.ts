import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { detectTableShape, readTableRows } from './index.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ROWS = 100_000;
const NAMES = ['Anna', 'Նինո', 'ნინო', 'Šarūnas', 'Jonas', 'Иван'];

/**
 * A 100k-row people CSV (about 33 MB), generated as it is read in 64 KB chunks like a file:
 * nothing of it exists at once.
 */
function generatedCsv(): Readable {
  return Readable.from(
    (function* () {
      let chunk = 'First Name;Last Name;Email;Phone;Note\r\n';
      const padding = 'x'.repeat(250);
      for (let i = 1; i <= ROWS; i++) {
        const name = NAMES[i % NAMES.length];
        chunk += `${name};Surname ${i};person${i}@example.com;+37491${String(i).padStart(6, '0')};"note ${i}\n${padding}"\r\n`;
        if (chunk.length >= 65536) {
          yield Buffer.from(chunk);
          chunk = '';
        }
      }
      yield Buffer.from(chunk);
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
    let isInOrder = true;
    const cpu = process.cpuUsage();
    for await (const row of readTableRows(generatedCsv, shape, { onBytes: (n) => (bytesRead = n) })) {
      if (bytesAtFirstRow < 0) bytesAtFirstRow = bytesRead;
      count++;
      if (row.rowNumber !== lastNumber + 1 || row.values.length !== 5) isInOrder = false;
      lastNumber = row.rowNumber;
      if (count % 20_000 === 0) {
        gc();
        peakRetained = Math.max(peakRetained, process.memoryUsage().heapUsed - before);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    expect(count).toBe(ROWS);
    expect(isInOrder).toBe(true);
    expect(bytesRead).toBeGreaterThan(30_000_000);
    expect(bytesAtFirstRow).toBeLessThan(1_000_000);
    // Holding the file would retain > 30 MB; a stream retains a few chunks.
    expect(peakRetained).toBeLessThan(8_000_000);
    console.info(
      `read ${count} rows (${(bytesRead / 1e6).toFixed(0)} MB) in ${seconds.toFixed(2)} s: ` +
        `${Math.round(count / seconds)} rows/s (${Math.round(count / cpuSeconds)} per CPU second, forced GCs included), ` +
        `retained heap growth ≤ ${(peakRetained / 1e6).toFixed(1)} MB`,
    );
  });

  it('reads a 30k-row xlsx as a stream too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kap-xlsx-'));
    try {
      const file = join(dir, 'people.xlsx');
      const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
      const sheet = writer.addWorksheet('People');
      sheet.addRow(['Name', 'Email', 'Birthday', 'Points']).commit();
      for (let i = 1; i <= 30_000; i++) {
        sheet
          .addRow([`Anna ${i}`, `anna${i}@example.am`, new Date(Date.UTC(1990, 0, i % 365)), i / 4])
          .commit();
      }
      sheet.commit();
      await writer.commit();
      const open = () => createReadStream(file);
      const shape = await detectTableShape(open);
      expect(shape.headers).toEqual(['Name', 'Email', 'Birthday', 'Points']);
      let count = 0;
      let last: string[] = [];
      for await (const row of readTableRows(open, shape)) {
        count++;
        last = row.values;
      }
      expect(count).toBe(30_000);
      expect(last).toEqual(['Anna 30000', 'anna30000@example.am', '1990-03-11', '7500']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
