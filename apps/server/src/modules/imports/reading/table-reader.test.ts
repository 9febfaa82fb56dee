import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectTableShape, readTableRows } from './index.ts';
import type { TByteSource } from './table-types.ts';
import { bytesOf, collect, expectFileError, fixture } from './test-sources.ts';

async function readAll(open: TByteSource) {
  const shape = await detectTableShape(open);
  return { shape, rows: await collect(readTableRows(open, shape)) };
}

describe('CSV reading: encodings and delimiters', () => {
  it('reads UTF-8 with a BOM, semicolons, CRLF, quoted line breaks and doubled quotes', async () => {
    const { shape, rows } = await readAll(fixture('utf8-bom-semicolon.csv'));
    expect(shape).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ';', sheet: null });
    expect(shape.headers).toEqual(['Vardas', 'Pavardė', 'El. paštas', 'Telefonas', 'Pastaba']);
    expect(rows).toEqual([
      {
        rowNumber: 1,
        values: ['Anna', 'Petrosyan', 'anna@example.am', '+374 91 123456', 'Line one\nLine "two"'],
      },
      { rowNumber: 2, values: ['Նինո', 'Բերիձե', 'nino@example.ge', '+995 555 12 34 56', 'Armenian name'] },
      { rowNumber: 3, values: ['ნინო', 'ბერიძე', 'nino2@example.ge', '', 'a; b'] },
    ]);
    expect(shape.sampleRows).toEqual(rows.map((row) => row.values));
  });

  it('detects tab and pipe delimiters, keeping other delimiters inside values', async () => {
    const tab = await readAll(fixture('tab.tsv'));
    expect(tab.shape.delimiter).toBe('\t');
    expect(tab.rows[1]?.values).toEqual(['Jonas', 'jonas@example.lt', 'Vilnius, LT']);
    const pipe = await readAll(fixture('pipe.csv'));
    expect(pipe.shape.delimiter).toBe('|');
    expect(pipe.rows.map((r) => r.values[2])).toEqual(['has | pipe', 'x,y;z']);
  });

  it('detects Windows-1257 (Lithuanian), Windows-1251 (Cyrillic) and Windows-1252', async () => {
    const lt = await readAll(fixture('windows-1257-lt.csv'));
    expect(lt.shape.encoding).toBe('windows-1257');
    expect(lt.shape.headers).toEqual(['Vardas', 'Pavardė', 'Miestas']);
    expect(lt.rows.map((r) => r.values.join(' '))).toEqual([
      'Šarūnas Žemaitis Šiauliai',
      'Jonė Kazlauskienė Panevėžys',
      'Ąžuolas Mačiulis Kaunas',
    ]);
    const ru = await readAll(fixture('windows-1251-ru.csv'));
    expect(ru.shape).toMatchObject({
      encoding: 'windows-1251',
      delimiter: ';',
      headers: ['Имя', 'Фамилия', 'Город'],
    });
    expect(ru.rows[1]?.values).toEqual(['Анна', 'Смирнова', 'Ереван']);
    const de = await readAll(fixture('windows-1252-de.csv'));
    expect(de.shape.encoding).toBe('windows-1252');
    expect(de.rows.map((r) => r.values[0])).toEqual(['Jürgen Müller', 'François Garçon']);
  });

  it('reads UTF-16 LE with a BOM, and UTF-16 BE without one (by its NUL bytes)', async () => {
    const le = await readAll(fixture('utf16le-bom.csv'));
    expect(le.shape).toMatchObject({
      encoding: 'utf-16le',
      delimiter: '\t',
      headers: ['First Name', 'E-mail Address'],
    });
    expect(le.rows[1]?.values).toEqual(['გიორგი', 'giorgi@example.ge']);
    const be = await readAll(bytesOf(iconv.encode('Name,Email\nAni,ani@example.am\n', 'utf-16be')));
    expect(be.shape.encoding).toBe('utf-16be');
    expect(be.rows).toEqual([{ rowNumber: 1, values: ['Ani', 'ani@example.am'] }]);
  });

  it('uses the encoding and delimiter the caller chooses', async () => {
    const open = fixture('windows-1257-lt.csv');
    const shape = await detectTableShape(open, { encoding: 'windows-1252', delimiter: ';' });
    expect(shape).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    expect(shape.headers).toEqual(['Vardas,PavardÄ—,Miestas'.replace('Ä—', 'ë')]);
  });

  it('reads LF files, trims values, pads short rows and skips blank rows but counts them', async () => {
    const { rows } = await readAll(bytesOf('  Name , Email \n Anna ,  a@x.am \n\n,\nBob\n , \n\n'));
    expect(rows).toEqual([
      { rowNumber: 1, values: ['Anna', 'a@x.am'] },
      { rowNumber: 4, values: ['Bob', ''] },
    ]);
  });

  it('drops blank headers at the end (a trailing delimiter)', async () => {
    const { shape, rows } = await readAll(bytesOf('Name,Email,\nAnna,a@x.am,\n'));
    expect(shape.headers).toEqual(['Name', 'Email']);
    expect(rows[0]?.values).toEqual(['Anna', 'a@x.am']);
  });

  it('takes the delimiter from Excel\'s "sep=" line and skips it', async () => {
    const { shape, rows } = await readAll(bytesOf('sep=;\r\nName;Note\r\nAnna;a,b\r\n'));
    expect(shape).toMatchObject({ delimiter: ';', headers: ['Name', 'Note'] });
    expect(rows).toEqual([{ rowNumber: 1, values: ['Anna', 'a,b'] }]);
  });

  it('refuses a file that stops being UTF-8 after the part used for detection, saying where', async () => {
    const ascii = `Name,City\n${'Anna,Yerevan\n'.repeat(90_000)}`;
    const open = bytesOf(Buffer.concat([Buffer.from(ascii), iconv.encode('Jürgen,Köln\n', 'windows-1252')]));
    const shape = await detectTableShape(open);
    expect(shape.encoding).toBe('utf-8');
    await expectFileError(
      collect(readTableRows(open, shape)),
      /not valid UTF-8 \(near byte \d+\); choose its encoding/,
    );
    const chosen = await detectTableShape(open, { encoding: 'windows-1252' });
    const rows = await collect(readTableRows(open, chosen));
    expect(rows.at(-1)?.values).toEqual(['Jürgen', 'Köln']);
  });

  it('reads a one-column file', async () => {
    const { shape, rows } = await readAll(bytesOf('Email\na@x.am\nb@x.am\n'));
    expect(shape.headers).toEqual(['Email']);
    expect(rows.map((r) => r.values)).toEqual([['a@x.am'], ['b@x.am']]);
  });

  it('reads a file with only headers as zero rows', async () => {
    const { shape, rows } = await readAll(fixture('only-headers.csv'));
    expect(shape.headers).toEqual(['First Name', 'Last Name', 'Email']);
    expect(shape.sampleRows).toEqual([]);
    expect(rows).toEqual([]);
  });

  it('keeps at most 20 sample rows', async () => {
    const lines = ['n,v', ...Array.from({ length: 50 }, (_, i) => `row${i},${i}`)];
    const shape = await detectTableShape(bytesOf(lines.join('\n')));
    expect(shape.sampleRows).toHaveLength(20);
    expect(shape.sampleRows[19]).toEqual(['row19', '19']);
  });
});

describe('CSV reading: files it refuses', () => {
  it('refuses an empty file', async () => {
    await expectFileError(detectTableShape(fixture('empty.csv')), /^The file is empty$/);
  });

  it('refuses a PNG image, a PDF and a binary file', async () => {
    await expectFileError(detectTableShape(fixture('image.png')), /PNG image, not a CSV or Excel/);
    await expectFileError(detectTableShape(bytesOf('%PDF-1.7\n...')), /PDF document/);
    await expectFileError(
      detectTableShape(bytesOf(Buffer.from([1, 2, 3, 0, 5, 6, 7, 8, 0, 0, 9]))),
      /binary file/,
    );
  });

  it('refuses a file with no header row', async () => {
    await expectFileError(detectTableShape(bytesOf('\n\n ,  \n')), /no header row/);
    await expectFileError(detectTableShape(bytesOf(Buffer.from([0xef, 0xbb, 0xbf]))), /no header row/);
  });

  it('names a blank or repeated header', async () => {
    await expectFileError(
      detectTableShape(bytesOf('Name,,Email\na,b,c\n')),
      /header of column 2 \(B\) is blank/,
    );
    await expectFileError(
      detectTableShape(bytesOf('Name,Email,email\na,b,c\n')),
      /"email" of column 3 \(C\) repeats column 2 \(B\)/,
    );
  });

  it('names a row wider than the header', async () => {
    const open = bytesOf('Name,Email\na,b\nc,d,extra\n');
    const shape = await detectTableShape(bytesOf('Name,Email\na,b\n'));
    await expectFileError(collect(readTableRows(open, shape)), /Row 2 has a value in column 3 \(C\)/);
  });

  it('reports an unclosed quote with its line', async () => {
    const open = bytesOf('Name,Note\na,"never closed\nb,c\n');
    const shape = await detectTableShape(bytesOf('Name,Note\n'));
    await expectFileError(
      collect(readTableRows(open, shape)),
      /cannot be read near line \d+: a quoted value is never closed/,
    );
  });

  it('refuses to read a file whose header row changed since detection', async () => {
    const shape = await detectTableShape(bytesOf('Name,Email\n'));
    await expectFileError(
      collect(readTableRows(bytesOf('Name,Phone\n1,2\n'), shape)),
      /header row of the file is not/,
    );
  });
});

describe('reading progress and cancelling', () => {
  it('reports bytes read and stops when aborted', async () => {
    const lines = ['n,v', ...Array.from({ length: 2000 }, (_, i) => `row${i},${i}`)];
    const open = bytesOf(lines.join('\n'));
    const shape = await detectTableShape(open);
    const seen: number[] = [];
    const controller = new AbortController();
    let count = 0;
    const reading = (async () => {
      for await (const _row of readTableRows(open, shape, {
        onBytes: (n) => seen.push(n),
        signal: controller.signal,
      })) {
        count++;
        if (count === 100) controller.abort(new Error('stop'));
      }
    })();
    await expect(reading).rejects.toThrow('stop');
    expect(count).toBeLessThan(2000);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });
});
