import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers.ts';
import { inlineParameters } from './sql-copy.ts';

const { pool } = await createTestApp();

describe('inlineParameters', () => {
  it('gives PostgreSQL the same values as bind parameters, whatever quotes and backslashes they hold', async () => {
    const parameters = [
      "O'Brien'); drop table people; --",
      "back\\slash \\' and a quote",
      null,
      42,
      true,
      ['a"b', null, "c'd", 'e\\f'],
      new Date('2026-01-02T03:04:05.678Z'),
      { note: "it's", list: [1, 'two'] },
      'Ժ"ა,Ą\r\nnew line',
    ];
    const text = `select $1::text as a, $2::text as b, $3::text as c, $4::int as d, $5::boolean as e,
      $6::text[] as f, $7::timestamptz as g, $8::jsonb as h, $9::text as i`;
    const bound = await pool.query(text, parameters);
    const inlined = await pool.query(inlineParameters({ sql: text, parameters }));
    expect(inlined.rows).toEqual(bound.rows);
    expect(inlined.rows[0].a).toBe(parameters[0]);
  });

  it('leaves placeholders inside strings, quoted names, comments and dollar quotes alone', () => {
    const text = `select $1 as "col$2", '$2 '' $3' as s, E'\\' $2' as e, $q$ $2 $q$ as d /* $2 */ -- $3
      , $2`;
    expect(inlineParameters({ sql: text, parameters: ['one', "t'wo", 'three'] })).toBe(
      `select 'one' as "col$2", '$2 '' $3' as s, E'\\' $2' as e, $q$ $2 $q$ as d /* $2 */ -- $3
      , 't''wo'`,
    );
    expect(() => inlineParameters({ sql: 'select $2', parameters: ['only one'] })).toThrow(/\$2/);
  });
});
