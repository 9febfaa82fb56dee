import type { TImportPreview, TPerson } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';
import { csvOf, getImportOf, post, runToEnd, upload, uploadOk } from './imports-test-kit.ts';

const { app, db } = await createTestApp({ importMaxBytes: 64 * 1024 });

let owner: TSession;
let other: TSession;
let viewer: TSession;

beforeAll(async () => {
  owner = await signUp(app, 'Imports');
  other = await signUp(app, 'Other imports');
  viewer = await addMember(app, db, owner, 'viewer');
});

async function listPeople(session: TSession, query = ''): Promise<TPerson[]> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/people?limit=200${query}`,
    headers: { cookie: session.cookie },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().data;
}

const PEOPLE = csvOf([
  ['First Name', 'Last Name', 'E-mail Address', 'Mobile Phone', 'Company', 'Shoe size'],
  ['Anna', 'Petrosyan', 'anna@example.am', '+37491000001', 'Ararat Foods', '38'],
  ['Giorgi', 'Beridze', 'giorgi@example.ge', '+995599000002', 'ararat foods', '44'],
  ['Broken', 'Row', 'not-an-email', '', '', ''],
  ['Anna', 'Duplicate', 'ANNA@example.am', '+37491000009', '', ''],
]);

describe('imports: upload, mapping, preview, run', () => {
  it('detects the shape, suggests a mapping, previews without writing, then imports', async () => {
    const uploaded = await uploadOk(
      app,
      owner,
      { objectType: 'person', dryRun: 'true' },
      { name: 'people.csv', content: PEOPLE },
    );
    expect(uploaded).toMatchObject({
      status: 'uploaded',
      fileName: 'people.csv',
      isMappingSuggested: true,
      processed: 0,
    });
    expect(uploaded.shape?.headers).toEqual([
      'First Name',
      'Last Name',
      'E-mail Address',
      'Mobile Phone',
      'Company',
      'Shoe size',
    ]);
    const targets = Object.fromEntries((uploaded.mapping?.columns ?? []).map((c) => [c.column, c.target]));
    expect(targets).toMatchObject({
      'First Name': 'firstName',
      'Last Name': 'lastName',
      'E-mail Address': 'email',
      Company: 'company',
    });
    expect(uploaded.match).toContain('email');

    const mapping = {
      ...uploaded.mapping,
      columns: [
        ...(uploaded.mapping?.columns ?? []).filter((c) => c.column !== 'Shoe size'),
        {
          column: 'Shoe size',
          target: null,
          newField: { key: 'shoeSize', label: 'Shoe size', type: 'number' },
        },
      ],
    };
    const put = await app.inject({
      method: 'PUT',
      url: `/api/v1/imports/${uploaded.id}/mapping`,
      headers: { cookie: owner.cookie },
      payload: { mapping, match: ['email'], mode: 'fillEmpty' },
    });
    expect(put.statusCode, put.body).toBe(200);

    const previewResponse = await post(app, owner, `/api/v1/imports/${uploaded.id}/preview`, {
      limit: 100,
      rows: 10,
    });
    expect(previewResponse.statusCode, previewResponse.body).toBe(200);
    const preview: TImportPreview = previewResponse.json();
    expect(preview).toMatchObject({
      examined: 4,
      isWholeFile: true,
      created: 2,
      updated: 1,
      skipped: 0,
      rejected: 1,
      newFields: ['shoeSize'],
    });
    expect(preview.rows.map((r) => [r.row, r.outcome])).toEqual([
      [2, 'create'],
      [3, 'create'],
      [4, 'reject'],
      [5, 'update'],
    ]);
    expect(preview.rows[0]?.values).toMatchObject({
      firstName: 'Anna',
      company: 'Ararat Foods',
      customFields: { shoeSize: 38 },
    });
    expect(await listPeople(owner)).toHaveLength(0);

    const started = await post(app, owner, `/api/v1/imports/${uploaded.id}/start`);
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ status: 'queued', createdFields: ['shoeSize'] });
    expect(await runToEnd(db, owner, uploaded.id)).toBe('completed');

    const done = await getImportOf(app, owner, uploaded.id);
    expect(done).toMatchObject({
      status: 'completed',
      processed: 4,
      total: 4,
      created: 2,
      updated: 1,
      skipped: 0,
      rejected: 1,
      percent: 100,
    });
    expect(done.errors).toEqual([expect.objectContaining({ row: 4, column: 'E-mail Address' })]);
    const people = await listPeople(owner);
    expect(people).toHaveLength(2);
    const anna = people.find((p) => p.firstName === 'Anna');
    // fillEmpty: the duplicate row's last name does not replace "Petrosyan".
    expect(anna).toMatchObject({ lastName: 'Petrosyan', customFields: { shoeSize: 38 } });
    expect(anna?.emails.map((e) => e.email)).toEqual(['anna@example.am']);
    // ...but its new phone is added to Anna's.
    expect(anna?.phones.map((p) => p.number)).toEqual(['+37491000001', '+37491000009']);
    // Both rows name the same company (case-insensitively): one company, created once.
    const companies = await app.inject({
      method: 'GET',
      url: '/api/v1/companies?limit=50',
      headers: { cookie: owner.cookie },
    });
    expect(companies.json().data.map((c: { name: string }) => c.name)).toEqual(['Ararat Foods']);
    expect(new Set(people.map((p) => p.companyIds[0]))).toEqual(new Set([companies.json().data[0].id]));

    // The rejected rows file: the original columns, then row and reason.
    const rejected = await app.inject({
      method: 'GET',
      url: `/api/v1/imports/${uploaded.id}/rejected`,
      headers: { cookie: owner.cookie },
    });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.headers['content-type']).toContain('text/csv');
    const lines = rejected.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('First Name,Last Name,E-mail Address,Mobile Phone,Company,Shoe size,row,reason');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^Broken,Row,not-an-email,,,,4,.*E-mail Address/);

    // Re-running the same file with the same mapping creates nothing new.
    const again = await uploadOk(
      app,
      owner,
      {
        objectType: 'person',
        mapping: JSON.stringify({
          ...mapping,
          columns: mapping.columns.map((c) =>
            c.column === 'Shoe size' ? { column: 'Shoe size', target: 'cf.shoeSize' } : c,
          ),
        }),
        match: 'email',
        mode: 'fillEmpty',
      },
      { name: 'people.csv', content: PEOPLE },
    );
    expect(again.status).toBe('queued');
    expect(await runToEnd(db, owner, again.id)).toBe('completed');
    expect(await getImportOf(app, owner, again.id)).toMatchObject({
      created: 0,
      updated: 0,
      skipped: 3,
      rejected: 1,
    });
    expect(await listPeople(owner)).toHaveLength(2);

    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/imports?limit=1',
      headers: { cookie: owner.cookie },
    });
    expect(list.json().data.map((i: { id: string }) => i.id)).toEqual([again.id]);
    expect(list.json().nextCursor).toBeTruthy();
    const next = await app.inject({
      method: 'GET',
      url: `/api/v1/imports?limit=5&cursor=${list.json().nextCursor}`,
      headers: { cookie: owner.cookie },
    });
    expect(next.json().data.map((i: { id: string }) => i.id)).toEqual([uploaded.id]);
    const forged = Buffer.from(JSON.stringify(['yesterday', uploaded.id])).toString('base64url');
    const refused = await app.inject({
      method: 'GET',
      url: `/api/v1/imports?cursor=${forged}`,
      headers: { cookie: owner.cookie },
    });
    expect(errorOf(refused, 400).details?.[0]?.path).toBe('cursor');
  });
});

describe('imports: saved mappings', () => {
  it('saves, lists by object type, refuses a second of the same name, deletes', async () => {
    const mapping = {
      columns: [{ column: 'E-mail Address', target: 'email' }],
      options: { defaultCountry: 'AM' },
    };
    const created = await post(app, owner, '/api/v1/import-mappings', {
      name: 'HubSpot contacts',
      objectType: 'person',
      mapping,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'HubSpot contacts',
      objectType: 'person',
      mapping: { columns: mapping.columns },
    });
    const again = await post(app, owner, '/api/v1/import-mappings', {
      name: 'hubspot CONTACTS',
      objectType: 'person',
      mapping,
    });
    expect(errorOf(again, 409).details?.[0]?.path).toBe('name');
    const bad = await post(app, owner, '/api/v1/import-mappings', {
      name: 'x',
      objectType: 'person',
      mapping: { columns: 'no' },
    });
    expect(errorOf(bad, 400).details?.[0]?.path).toBe('mapping.columns');
    const list = (query: string, session = owner) =>
      app.inject({
        method: 'GET',
        url: `/api/v1/import-mappings${query}`,
        headers: { cookie: session.cookie },
      });
    expect((await list('?objectType=person')).json().data.map((m: { name: string }) => m.name)).toEqual([
      'HubSpot contacts',
    ]);
    expect((await list('?objectType=company')).json().data).toEqual([]);
    expect((await list('', other)).json().data).toEqual([]);
    expect(errorOf(await list('', viewer), 403).code).toBe('FORBIDDEN');
    const id = created.json().id;
    const otherDelete = await app.inject({
      method: 'DELETE',
      url: `/api/v1/import-mappings/${id}`,
      headers: { cookie: other.cookie },
    });
    expect(errorOf(otherDelete, 404).code).toBe('NOT_FOUND');
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/import-mappings/${id}`,
      headers: { cookie: owner.cookie },
    });
    expect(removed.statusCode).toBe(204);
    expect((await list('')).json().data).toEqual([]);
  });
});

describe('imports: wrong input', () => {
  it('refuses unknown object types, bad targets, other workspaces, viewers, files too large, empty and binary files', async () => {
    expect(
      errorOf(await upload(app, owner, { objectType: 'planet' }, { name: 'a.csv', content: PEOPLE }), 400)
        .details?.[0]?.path,
    ).toBe('objectType');
    const badMapping = JSON.stringify({ columns: [{ column: 'First Name', target: 'favouriteColour' }] });
    const bad = errorOf(
      await upload(
        app,
        owner,
        { objectType: 'person', mapping: badMapping },
        { name: 'a.csv', content: PEOPLE },
      ),
      400,
    );
    expect(bad.details?.[0]?.path).toBe('mapping.columns.0.target');
    expect(errorOf(await upload(app, owner, { objectType: 'person' }, null), 400).details?.[0]?.path).toBe(
      'file',
    );
    expect(
      errorOf(await upload(app, owner, { objectType: 'person' }, { name: 'empty.csv', content: '' }), 400)
        .details?.[0]?.path,
    ).toBe('file');
    const binary = Buffer.from([
      0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x00, 0x10, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x00,
    ]);
    expect(
      errorOf(await upload(app, owner, { objectType: 'person' }, { name: 'x.csv', content: binary }), 400)
        .details?.[0]?.path,
    ).toBe('file');
    const big = `email\n${'someone@example.com\n'.repeat(4000)}`;
    expect(
      errorOf(await upload(app, owner, { objectType: 'person' }, { name: 'big.csv', content: big }), 413)
        .code,
    ).toBe('PAYLOAD_TOO_LARGE');
    expect(
      errorOf(await upload(app, viewer, { objectType: 'person' }, { name: 'a.csv', content: PEOPLE }), 403)
        .code,
    ).toBe('FORBIDDEN');

    const mine = await uploadOk(app, owner, { objectType: 'person' }, { name: 'a.csv', content: PEOPLE });
    const theirs = await app.inject({
      method: 'GET',
      url: `/api/v1/imports/${mine.id}`,
      headers: { cookie: other.cookie },
    });
    expect(errorOf(theirs, 404).code).toBe('NOT_FOUND');
    expect(errorOf(await post(app, other, `/api/v1/imports/${mine.id}/start`), 404).code).toBe('NOT_FOUND');
    expect(
      errorOf(
        await app.inject({ method: 'GET', url: '/api/v1/imports', headers: { cookie: viewer.cookie } }),
        403,
      ).code,
    ).toBe('FORBIDDEN');
    const put = await app.inject({
      method: 'PUT',
      url: `/api/v1/imports/${mine.id}/mapping`,
      headers: { cookie: owner.cookie },
      payload: { mapping: { columns: [{ column: 'Nope', target: 'firstName' }] } },
    });
    expect(errorOf(put, 400).details?.[0]?.path).toBe('mapping.columns.0.column');
    // Nothing of the refused uploads is left behind.
    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/imports?limit=100',
      headers: { cookie: owner.cookie },
    });
    expect(list.json().data.filter((i: { fileName: string }) => i.fileName !== 'people.csv')).toHaveLength(1);
  });
});
