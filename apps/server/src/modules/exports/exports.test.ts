import type { TPerson } from '@kap/shared';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';

const { app, db } = await createTestApp();

let owner: TSession;
const auth = (session: TSession = owner) => ({ cookie: session.cookie });

async function post(url: string, payload: unknown, session: TSession = owner): Promise<{ id: string }> {
  const response = await app.inject({
    method: 'POST',
    url,
    headers: auth(session),
    payload: payload as object,
  });
  if (response.statusCode !== 201) throw new Error(`${url}: ${response.body}`);
  return response.json();
}

const exportList = (payload: Record<string, unknown>, session: TSession = owner) =>
  app.inject({ method: 'POST', url: '/api/v1/exports', headers: auth(session), payload });

const rowsOf = (csv: string): string[][] => parse(csv, { bom: true, relax_column_count: false });

const VIP = { field: 'tags', op: 'contains', value: 'vip' };
const COLUMNS = [
  'firstName',
  'lastName',
  'emails',
  'companies',
  'customFields.score',
  'customFields.note',
  'ownerId',
];

beforeAll(async () => {
  owner = await signUp(app, 'Export workspace');
  await post('/api/v1/custom-fields', { objectType: 'person', key: 'score', label: 'Score', type: 'number' });
  await post('/api/v1/custom-fields', {
    objectType: 'person',
    key: 'note',
    label: 'Note, long',
    type: 'text',
  });
  const acme = await post('/api/v1/companies', { name: 'Acme, "Ltd"' });
  const people = [
    { firstName: 'Արամ', lastName: 'Պետրոսյան', tags: ['vip'], customFields: { score: 7, note: 'Երևան' } },
    { firstName: 'გიორგი', lastName: 'ბერიძე', tags: ['vip'], customFields: { score: 3 } },
    {
      firstName: 'Quote "Q"',
      lastName: 'Comma, Newline',
      tags: ['vip'],
      emails: [{ email: 'q@example.test' }, { email: 'q2@example.test', isPrimary: true }],
      companyIds: [acme.id],
      customFields: { note: 'line one\nline two, with "quotes"' },
    },
    { firstName: 'Not', lastName: 'Selected', tags: ['other'] },
  ];
  for (const person of people) await post('/api/v1/people', person);
});

describe('POST /api/v1/exports (CSV)', () => {
  it('streams exactly the filtered list, custom fields and awkward text included', async () => {
    const response = await exportList({
      objectType: 'person',
      filter: VIP,
      sort: 'lastName',
      columns: COLUMNS,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="kap-people-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    expect(response.body.charCodeAt(0)).not.toBe(0xfeff);

    const list = await app.inject({
      method: 'GET',
      url: `/api/v1/people?limit=500&sort=lastName&filter=${encodeURIComponent(JSON.stringify(VIP))}`,
      headers: auth(),
    });
    const listed = list.json().data as TPerson[];
    const [header, ...rows] = rowsOf(response.body);
    expect(header).toEqual(['First name', 'Last name', 'Email', 'Companies', 'Score', 'Note, long', 'Owner']);
    expect(rows.map((r) => r[0])).toEqual(listed.map((p) => p.firstName));
    expect(rows).toHaveLength(3);
    const quoted = rows.find((r) => r[0] === 'Quote "Q"');
    expect(quoted).toEqual([
      'Quote "Q"',
      'Comma, Newline',
      'q2@example.test',
      'Acme, "Ltd"',
      '',
      'line one\nline two, with "quotes"',
      'Owner Person',
    ]);
    expect(rows.find((r) => r[0] === 'Արամ')).toEqual([
      'Արամ',
      'Պետրոսյան',
      '',
      '',
      '7',
      'Երևան',
      'Owner Person',
    ]);
    expect(rows.find((r) => r[0] === 'გიორგი')?.[1]).toBe('ბერიძე');
    // Quoting as RFC 4180 says: the raw text doubles quotes inside quoted fields.
    expect(response.body).toContain('"Quote ""Q"""');
  });

  it('starts with a byte order mark when asked (Excel), and "all" has every field', async () => {
    const response = await exportList({ objectType: 'person', filter: VIP, columns: 'all', bom: true });
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...rows] = rowsOf(response.body);
    for (const expected of [
      'ID',
      'Email',
      'Other emails',
      'Phone',
      'Companies',
      'Owner email',
      'Tags',
      'City',
      'Score',
      'Note, long',
    ]) {
      expect(header).toContain(expected);
    }
    const col = (name: string) => header?.indexOf(name) ?? -1;
    const quoted = rows.find((r) => r[col('First name')] === 'Quote "Q"');
    expect(quoted?.[col('Other emails')]).toBe('q@example.test');
    expect(quoted?.[col('Owner email')]).toBe(owner.email);
    expect(quoted?.[col('Tags')]).toBe('vip');
  });

  it('answers 400 naming the field for a bad filter, sort or column, before anything is streamed', async () => {
    const badFilter = errorOf(
      await exportList({ objectType: 'person', filter: { field: 'nope', op: 'eq', value: 'x' } }),
      400,
    );
    expect(badFilter.details?.[0]?.path).toBe('filter.field');
    const badColumn = errorOf(
      await exportList({ objectType: 'person', columns: ['firstName', 'shoeSize'] }),
      400,
    );
    expect(badColumn.details).toEqual([{ path: 'columns.1', message: 'Unknown column "shoeSize"' }]);
    const badFormat = errorOf(await exportList({ objectType: 'person', format: 'pdf' }), 400);
    expect(badFormat.details?.[0]?.path).toBe('format');
    const badSort = errorOf(await exportList({ objectType: 'person', sort: 'shoeSize' }), 400);
    expect(badSort.details?.[0]?.path).toBe('query.sort');
  });

  it('writes one audit entry per export: what, which filter, how many rows', async () => {
    await exportList({ objectType: 'person', filter: VIP, columns: ['firstName'] });
    const entries = await db
      .selectFrom('auditLog')
      .select(['action', 'recordType', 'after'])
      .where('workspaceId', '=', owner.me.workspace.id)
      .where('action', '=', 'export.create')
      .execute();
    const entry = entries.find(
      (e) => JSON.stringify((e.after as { columns?: unknown }).columns) === '["firstName"]',
    );
    expect(entry?.recordType).toBe('export');
    expect(entry?.after).toMatchObject({
      objectType: 'person',
      format: 'csv',
      filter: VIP,
      rows: 3,
      columns: ['firstName'],
    });
  });

  it('exports a selection of ids, and companies', async () => {
    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/people?limit=2&sort=lastName',
      headers: auth(),
    });
    const ids = (list.json().data as TPerson[]).map((p) => p.id);
    const response = await exportList({ objectType: 'person', ids, columns: ['id'] });
    expect(rowsOf(response.body).slice(1).flat().sort()).toEqual([...ids].sort());
    const companies = await exportList({ objectType: 'company', columns: 'all' });
    const [header, ...rows] = rowsOf(companies.body);
    expect(header?.slice(0, 3)).toEqual(['ID', 'Name', 'Domains']);
    expect(rows.map((r) => r[1])).toEqual(['Acme, "Ltd"']);
  });
});

describe('POST /api/v1/exports (xlsx)', () => {
  it('is a workbook exceljs reads back with the same rows as the CSV', async () => {
    const payload = { objectType: 'person', filter: VIP, sort: 'lastName', columns: COLUMNS };
    const csv = rowsOf((await exportList(payload)).body);
    const response = await exportList({ ...payload, format: 'xlsx' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toContain('.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const rows: string[][] = [];
    sheet?.eachRow({ includeEmpty: false }, (row) => {
      rows.push(Array.from({ length: COLUMNS.length }, (_, i) => String(row.getCell(i + 1).value ?? '')));
    });
    expect(rows).toEqual(csv);
    // Numbers stay numbers in Excel.
    expect(
      typeof sheet?.getRow(2).getCell(5).value === 'number' || sheet?.getRow(2).getCell(5).value === null,
    ).toBe(true);
  });
});

describe('saved views, visibility and permissions', () => {
  it('exports a saved view with its filter, sort and columns', async () => {
    const view = await post('/api/v1/views', {
      objectType: 'person',
      name: 'VIPs',
      filter: VIP,
      sort: '-firstName',
      columns: ['lastName', 'customFields.score'],
    });
    const response = await exportList({ objectType: 'person', viewId: view.id });
    expect(response.statusCode).toBe(200);
    const [header, ...rows] = rowsOf(response.body);
    expect(header).toEqual(['Last name', 'Score']);
    expect(rows.map((r) => r[0])).toEqual(['ბერიძე', 'Պետրոսյան', 'Comma, Newline']);
  });

  it('404 for a view of another workspace', async () => {
    const other = await signUp(app, 'Other workspace');
    const view = await post('/api/v1/views', { objectType: 'person', name: 'Theirs' }, other);
    expect(errorOf(await exportList({ objectType: 'person', viewId: view.id }), 404).code).toBe('NOT_FOUND');
  });

  it('a role that sees only its own records exports only those; viewers may not export', async () => {
    const seller = await addMember(app, db, owner, 'sales');
    await post(
      '/api/v1/people',
      { firstName: 'Mine', lastName: 'Only', ownerId: seller.me.user?.id },
      seller,
    );
    const response = await exportList({ objectType: 'person', columns: ['firstName'] }, seller);
    expect(response.statusCode).toBe(200);
    expect(rowsOf(response.body)).toEqual([['First name'], ['Mine']]);
    const viewer = await addMember(app, db, owner, 'viewer');
    expect(errorOf(await exportList({ objectType: 'person' }, viewer), 403).code).toBe('FORBIDDEN');
  });
});

describe('GET /api/v1/exports/download', () => {
  it('is the same export as a plain authenticated link', async () => {
    const query = new URLSearchParams({
      objectType: 'person',
      filter: JSON.stringify(VIP),
      sort: 'lastName',
      columns: 'firstName,customFields.score',
      bom: 'true',
    });
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/exports/download?${query}`,
      headers: auth(),
    });
    expect(response.statusCode).toBe(200);
    expect(rowsOf(response.body)[0]).toEqual(['First name', 'Score']);
    expect(rowsOf(response.body)).toHaveLength(4);
    const anonymous = await app.inject({ method: 'GET', url: `/api/v1/exports/download?${query}` });
    expect(anonymous.statusCode).toBe(401);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/v1/exports/download?objectType=person&columns=firstName,nope',
      headers: auth(),
    });
    expect(errorOf(bad, 400).details?.[0]?.path).toBe('columns.1');
  });
});
