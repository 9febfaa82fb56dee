import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { cellToText, detectTableShape, formatExcelDate, readTableRows } from './index.ts';
import { bytesOf, collect, expectFileError, fixture } from './test-sources.ts';

async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('xlsx reading', () => {
  it('reads the first sheet with dates, numbers, booleans, rich text and formula results as text', async () => {
    const open = fixture('people.xlsx');
    const shape = await detectTableShape(open);
    expect(shape).toMatchObject({ format: 'xlsx', encoding: null, delimiter: null, sheet: 'People' });
    expect(shape.headers).toEqual(['Name', 'Birthday', 'Met at', 'Revenue', 'VIP', 'Note', 'Total']);
    const rows = await collect(readTableRows(open, shape));
    expect(rows).toEqual([
      {
        rowNumber: 1,
        values: ['Anna', '1990-12-31', '2024-03-05T09:30:00.000Z', '1250.5', 'true', 'Bold plain', '2501'],
      },
      { rowNumber: 2, values: ['Jonas', '1985-01-02', '', '37491123456', 'false', 'Ąžuolas', '74982246912'] },
    ]);
    expect(shape.sampleRows).toEqual(rows.map((r) => r.values));
  });

  it('reads a sheet chosen by name and names the sheets when it is missing', async () => {
    const open = fixture('people.xlsx');
    const shape = await detectTableShape(open, { sheet: 'Notes' });
    expect(shape).toMatchObject({ sheet: 'Notes', headers: ['Topic', 'Text'] });
    expect(await collect(readTableRows(open, shape))).toEqual([
      { rowNumber: 1, values: ['second sheet', 'read only when asked for by name'] },
    ]);
    await expectFileError(
      detectTableShape(open, { sheet: 'Orders' }),
      /no sheet "Orders"; its sheets are "People", "Notes"/,
    );
  });

  it('reads a sheet with only headers, and refuses a wide row, an empty sheet, a zip that is not a workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Only headers').addRow(['Email', 'Name']);
    const wide = workbook.addWorksheet('Wide');
    wide.addRow(['Email']);
    wide.addRow(['a@x.am', 'stray']);
    workbook.addWorksheet('Empty');
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const shape = await detectTableShape(bytesOf(bytes));
    expect(shape.headers).toEqual(['Email', 'Name']);
    expect(await collect(readTableRows(bytesOf(bytes), shape))).toEqual([]);
    await expectFileError(
      detectTableShape(bytesOf(bytes), { sheet: 'Wide' }),
      /Row 1 has a value in column 2 \(B\)/,
    );
    await expectFileError(detectTableShape(bytesOf(bytes), { sheet: 'Empty' }), /no header row/);
    const zip = await zipOf({ 'readme.txt': 'hello', 'data/x.csv': 'a,b' });
    await expectFileError(detectTableShape(bytesOf(zip)), /zip archive is not an Excel \(.xlsx\) workbook/);
  });

  it('leaves no temp files behind when reading stops early or fails', async () => {
    // exceljs spools sheets that come before the shared strings (as Excel writes them) to
    // tmp-<pid>-* files; a server that reads many previews must not collect them.
    const workbook = new ExcelJS.Workbook();
    for (const name of ['First', 'Second', 'Third']) {
      const sheet = workbook.addWorksheet(name);
      sheet.addRow(['Name', 'Email']);
      for (let i = 0; i < 50; i++) sheet.addRow([`${name} ${i}`, `p${i}@example.am`]);
    }
    workbook.getWorksheet('Second')?.addRow(['x', 'y', 'too wide']);
    const open = bytesOf(Buffer.from(await workbook.xlsx.writeBuffer()));
    const ours = async () =>
      (await readdir(tmpdir())).filter((name) => name.startsWith(`tmp-${process.pid}-`));
    const before = await ours();
    expect((await detectTableShape(open)).sampleRows).toHaveLength(20);
    await expectFileError(detectTableShape(open, { sheet: 'Second' }), /Row 51 has a value in column 3/);
    const third = await detectTableShape(open, { sheet: 'Third' });
    expect(await collect(readTableRows(open, third))).toHaveLength(50);
    for (let wait = 0; wait < 50 && (await ours()).length > before.length; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await ours()).toEqual(before);
  });

  it('turns cell values into the text the value parsers read', () => {
    expect(formatExcelDate(new Date(Date.UTC(2024, 1, 29)))).toBe('2024-02-29');
    expect(formatExcelDate(new Date(Date.UTC(2024, 1, 29, 13, 5, 7)))).toBe('2024-02-29T13:05:07.000Z');
    expect(cellToText(null)).toBe('');
    expect(cellToText(0.25)).toBe('0.25');
    expect(cellToText({ error: '#N/A' })).toBe('');
    expect(cellToText({ formula: 'A1', result: { error: '#DIV/0!' } })).toBe('');
    expect(cellToText({ sharedFormula: 'A1', result: new Date(Date.UTC(2020, 0, 1)) })).toBe('2020-01-01');
    expect(cellToText({ text: 'Kap', hyperlink: 'https://kap.example' })).toBe('Kap');
  });
});
