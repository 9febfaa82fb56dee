import { readFileSync } from 'node:fs';
import type { TPerson } from '@kap/shared';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TSession } from '../../../../../test/helpers.ts';
import { csvOf, getImportOf, runToEnd, uploadOk } from '../imports/imports-test-kit.ts';

/**
 * Values too long for a btree entry (~2,700 bytes): saving them must not fail, and the filters and
 * sorts that read `custom_field_values` must stay right (migration 0020, ADR 0009's amendment).
 */
const { app, db } = await createTestApp();
let owner: TSession;
let workspaceId: string;

const GEORGIAN = Array.from({ length: 33 }, (_, i) => String.fromCharCode(0x10d0 + i)).join('');
const MIXED = `${GEORGIAN}abcdefghijklmnopqrstuvwxyzԱԲԳԴԵԶԷԸԹԺԻԼԽԾԿՀՁՂՃՄՅՆՇՈՉՊՋՌՍՎՏՐՑՒՓՔՕՖ      0123456789.,;`;

/**
 * Random, incompressible text (3 bytes a Georgian letter): as large in the index as it is here.
 * It starts and ends with a letter, as values are stored trimmed.
 */
function randomText(length: number, alphabet: string): string {
  const pick = (from: string) => from[Math.floor(Math.random() * from.length)];
  return Array.from({ length }, (_, i) => pick(i === 0 || i === length - 1 ? GEORGIAN : alphabet)).join('');
}

async function send(method: 'POST' | 'PATCH', url: string, payload: object) {
  const response = await app.inject({ method, url, headers: { cookie: owner.cookie }, payload });
  expect(response.statusCode, response.body.slice(0, 500)).toBeLessThan(300);
  return response.json();
}

async function list(url: string) {
  return app.inject({ method: 'GET', url, headers: { cookie: owner.cookie } });
}

async function peopleWhere(filter: object): Promise<string[]> {
  const response = await list(
    `/api/v1/people?limit=100&filter=${encodeURIComponent(JSON.stringify(filter))}`,
  );
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().data as TPerson[]).map((p) => p.firstName ?? '').sort();
}

/** Every page of a sorted list, `limit` at a time. */
async function allPages(sort: string, limit: number): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | null = null;
  do {
    const response = await list(
      `/api/v1/people?limit=${limit}&sort=${sort}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    names.push(...(response.json().data as TPerson[]).map((p) => p.firstName ?? ''));
    cursor = response.json().nextCursor;
  } while (cursor);
  return names;
}

async function sideRows(recordId: string): Promise<{ fieldKey: string; bytes: number | null }[]> {
  const { rows } = await sql<{ fieldKey: string; bytes: number | null }>`
    select field_key, octet_length(value_text) as bytes from custom_field_values
     where workspace_id = ${workspaceId}::uuid and record_id = ${recordId}::uuid order by field_key`.execute(
    db,
  );
  return rows;
}

const longMotto = randomText(1000, GEORGIAN);
const longNotes = randomText(20_000, MIXED);
// 600 characters as sent; stored percent-encoded, 9 bytes a letter.
const longUrl = `https://example.ge/${randomText(600, GEORGIAN)}`;

beforeAll(async () => {
  owner = await signUp(app, 'Long custom field values');
  workspaceId = owner.me.workspace.id;
  for (const objectType of ['person', 'company', 'deal']) {
    await send('POST', '/api/v1/custom-fields', { objectType, key: 'motto', label: 'Motto', type: 'text' });
    await send('POST', '/api/v1/custom-fields', {
      objectType,
      key: 'notes',
      label: 'Notes',
      type: 'longText',
    });
    await send('POST', '/api/v1/custom-fields', { objectType, key: 'site', label: 'Site', type: 'url' });
  }
});

describe('custom field values too long for an index entry', () => {
  it('saves people, companies and deals with them (a 1,000-letter Georgian text, 20,000 characters of notes)', async () => {
    const customFields = { motto: longMotto, notes: longNotes, site: longUrl };
    const person = await send('POST', '/api/v1/people', { firstName: 'Long', customFields });
    expect(person.customFields).toMatchObject({ motto: longMotto, notes: longNotes });
    expect(person.customFields.site.length).toBeGreaterThan(5000);
    const changed = await send('PATCH', `/api/v1/people/${person.id}`, {
      customFields: { motto: randomText(1000, GEORGIAN), notes: randomText(100_000, MIXED) },
    });
    expect(changed.customFields.notes).toHaveLength(100_000);
    const company = await send('POST', '/api/v1/companies', { name: 'Long Ltd', customFields });
    expect(company.customFields).toEqual(person.customFields);
    const deal = await send('POST', '/api/v1/deals', { name: 'Long deal', currency: 'EUR', customFields });
    expect(deal.customFields).toEqual(person.customFields);

    // Long texts and URLs keep a row without a text copy; notes are never copied.
    expect(await sideRows(person.id)).toEqual([
      { fieldKey: 'motto', bytes: null },
      { fieldKey: 'site', bytes: null },
    ]);
    const short = await send('POST', '/api/v1/people', {
      firstName: 'Short',
      customFields: { motto: 'გამარჯობა', notes: 'short note' },
    });
    expect(await sideRows(short.id)).toEqual([{ fieldKey: 'motto', bytes: 27 }]);
  });

  it('imports a row with them', async () => {
    const uploaded = await uploadOk(
      app,
      owner,
      {
        objectType: 'person',
        mapping: JSON.stringify({
          columns: [
            { column: 'First Name', target: 'firstName' },
            { column: 'Motto', target: 'cf.motto' },
            { column: 'Notes', target: 'cf.notes' },
          ],
        }),
      },
      {
        name: 'long.csv',
        content: csvOf([
          ['First Name', 'Motto', 'Notes'],
          ['Imported', longMotto, longNotes],
        ]),
      },
    );
    expect(await runToEnd(db, owner, uploaded.id)).toBe('completed');
    expect(await getImportOf(app, owner, uploaded.id)).toMatchObject({ created: 1, rejected: 0 });
  });

  it('filters right on them: equality, lists, contains, empty and not empty', async () => {
    await send('POST', '/api/v1/people', { firstName: 'Plain', customFields: { motto: 'ერთი' } });
    await send('POST', '/api/v1/people', { firstName: 'None' });
    const names = await peopleWhere({ field: 'customFields.motto', op: 'isNotEmpty' });
    expect(names).toEqual(expect.arrayContaining(['Imported', 'Long', 'Plain', 'Short']));
    expect(names).not.toContain('None');
    expect(await peopleWhere({ field: 'customFields.motto', op: 'isEmpty' })).toEqual(['None']);
    expect(await peopleWhere({ field: 'customFields.motto', op: 'eq', value: 'ერთი' })).toEqual(['Plain']);
    expect(
      await peopleWhere({ field: 'customFields.motto', op: 'in', value: ['ერთი', 'გამარჯობა'] }),
    ).toEqual(['Plain', 'Short']);
    expect(
      await peopleWhere({ field: 'customFields.motto', op: 'contains', value: longMotto.slice(400, 480) }),
    ).toEqual(['Imported']);
    // An equality with the whole long value is past the filter's 500-character cap: a clear 400.
    const tooLong = await list(
      `/api/v1/people?filter=${encodeURIComponent(JSON.stringify({ field: 'customFields.motto', op: 'eq', value: longMotto }))}`,
    );
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.details[0].path).toBe('filter.value');
    expect(
      await peopleWhere({ field: 'customFields.notes', op: 'contains', value: longNotes.slice(9000, 9040) }),
    ).toEqual(['Imported']);
    const withNotes = await peopleWhere({ field: 'customFields.notes', op: 'isNotEmpty' });
    expect(withNotes).toEqual(['Imported', 'Long', 'Short']);
  });

  it('sorts a text field with a long value: every record exactly once across pages', async () => {
    for (const sort of ['customFields.motto', '-customFields.motto']) {
      const names = await allPages(sort, 2);
      expect(names.filter((n) => n === 'Long')).toHaveLength(1);
      expect(names.filter((n) => n === 'Imported')).toHaveLength(1);
      expect([...names].sort()).toEqual(['Imported', 'Long', 'None', 'Plain', 'Short']);
      // The indexed values first, then the records whose value is not indexed or absent, by id.
      expect(names.slice(0, 2)).toEqual(sort.startsWith('-') ? ['Plain', 'Short'] : ['Short', 'Plain']);
    }
  });

  it('refuses a sort on a long text field clearly', async () => {
    const response = await list('/api/v1/people?sort=customFields.notes');
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'query.sort' }],
    });
  });

  it('migration 0020 drops the copies written before it: notes, and texts past 2,000 bytes', async () => {
    const person = await send('POST', '/api/v1/people', {
      firstName: 'Before',
      customFields: { motto: 'x' },
    });
    // As migration 0012's function wrote them (2,400 bytes still fitted in an index entry).
    await sql`insert into custom_field_values (workspace_id, record_type, record_id, field_key, value_text)
      values (${workspaceId}::uuid, 'person', ${person.id}::uuid, 'notes', 'a note'),
             (${workspaceId}::uuid, 'person', ${person.id}::uuid, 'site', ${'ა'.repeat(800)})`.execute(db);
    const migration = new URL('../../db/migrations/0020_custom_field_values_long_text.sql', import.meta.url);
    await sql.raw(readFileSync(migration, 'utf8')).execute(db);
    expect(await sideRows(person.id)).toEqual([
      { fieldKey: 'motto', bytes: 1 },
      { fieldKey: 'site', bytes: null },
    ]);
  });
});
