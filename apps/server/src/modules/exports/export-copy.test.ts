import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import type { TExportObjectType } from '@kap/shared';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, signUp, type TSession } from '../../../../../test/helpers.ts';
import { withWorkspace } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import { findCompanyNames } from '../companies/index.ts';
import { companyIdsOf, type TRowContext } from './export-columns.ts';
import { createCsvWriter } from './export-writers.ts';
import { prepareExport, type TExportInput, type TPreparedExport, writeExport } from './exports.service.ts';

// CSV exports are made by PostgreSQL (COPY … TO STDOUT) from SQL versions of the columns; the
// contract is the CSV that Node makes of the same records (the cells of export-columns.ts written
// by the CSV writer), so these tests compare the two byte for byte on awkward data.

const { app, db } = await createTestApp();

let owner: TSession;
let seller: TSession;
let teammate: TSession;
let outsider: TSession;
let baseUrl = '';
const BIG = 3000;

async function post(url: string, payload: unknown, session: TSession = owner): Promise<{ id: string }> {
  const response = await app.inject({
    method: 'POST',
    url,
    headers: { cookie: session.cookie },
    payload: payload as object,
  });
  if (response.statusCode !== 201) throw new Error(`${url}: ${response.body}`);
  return response.json();
}

const exportList = (payload: Record<string, unknown>, session: TSession = owner) =>
  app.inject({ method: 'POST', url: '/api/v1/exports', headers: { cookie: session.cookie }, payload });

const rowsOf = (csv: string): string[][] => parse(csv, { bom: true, relax_column_count: false });

function ownerActor(): TActor {
  return {
    type: 'user',
    userId: owner.me.user?.id ?? null,
    apiKeyId: null,
    name: 'Owner Person',
    workspaceId: owner.me.workspace.id,
    role: 'owner',
    requestId: null,
  };
}

/** The CSV as Node writes it from the records (the export's contract). */
async function nodeCsv(prepared: TPreparedExport, actor: TActor, trx: Parameters<typeof writeExport>[0]) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const writer = createCsvWriter(
    out,
    prepared.columns.map((c) => c.header),
    prepared.input.bom,
  );
  for await (const batch of prepared.source.readBatches(700)) {
    const companyNames = await findCompanyNames(trx, actor, companyIdsOf(prepared.input.objectType, batch));
    const ctx: TRowContext = { members: prepared.members, companyNames };
    await writer.writeRows(batch.map((row) => prepared.columns.map((column) => column.value(row, ctx))));
  }
  await writer.finish();
  return Buffer.concat(chunks).toString('utf8');
}

/** The export through COPY and the Node CSV of the same records, in one transaction. */
async function bothCsv(objectType: TExportObjectType, extra: Partial<TExportInput> = {}) {
  const actor = ownerActor();
  return withWorkspace(db, actor.workspaceId, async (trx) => {
    const input: TExportInput = { objectType, columns: 'all', format: 'csv', bom: false, ...extra };
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const rows = await writeExport(trx, actor, await prepareExport(trx, actor, input), out);
    const viaCopy = Buffer.concat(chunks).toString('utf8');
    const viaNode = await nodeCsv(await prepareExport(trx, actor, input), actor, trx);
    return { viaCopy, viaNode, rows };
  });
}

/** A text cell as the CSV writer writes it (a formula-like start gets an apostrophe). */
const asCsvText = (text: string) => (/^(?:[=@\t\r]|[+-][^\d\s.])/.test(text) ? `'${text}` : text);

const AWKWARD = [
  'Quote "Q", comma',
  'line one\nline two',
  'crlf\r\ninside',
  '=SUM(A1:A2)',
  '+Plus',
  '-minus',
  '@at',
  '-5',
  '+37491000000',
  '\tTab',
  ' lead and trail ',
  'Ąžuolas Šimkus',
  'Կարապետյան',
  'ჯავახიშვილი',
];

beforeAll(async () => {
  owner = await signUp(app, 'Copy export workspace');
  [seller, teammate, outsider] = [
    await addMember(app, db, owner, 'sales'),
    await addMember(app, db, owner, 'sales'),
    await addMember(app, db, owner, 'sales'),
  ];
  const team = (
    await app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: { cookie: owner.cookie },
      payload: { name: 'North' },
    })
  ).json() as { id: string };
  for (const member of [seller, teammate]) {
    await app.inject({
      method: 'PUT',
      url: `/api/v1/members/${member.me.user?.id}/team`,
      headers: { cookie: owner.cookie },
      payload: { teamId: team.id },
    });
  }
  const fields = [
    { key: 'score', label: 'Score', type: 'number' },
    { key: 'active', label: '=Active?', type: 'boolean' },
    { key: 'budget', label: 'Budget', type: 'currency' },
    { key: 'tier', label: 'Tier', type: 'select', options: [{ value: 'gold', label: 'Gold "G"' }, 'silver'] },
    {
      key: 'langs',
      label: 'Languages',
      type: 'multiSelect',
      options: [{ value: 'hy', label: 'Հայերեն' }, { value: 'ka', label: 'ქართული' }, 'lt'],
    },
    { key: 'rep', label: 'Rep', type: 'user' },
    { key: 'note', label: 'Note, long', type: 'longText' },
    { key: 'since', label: 'Since', type: 'date' },
  ];
  for (const field of fields) await post('/api/v1/custom-fields', { objectType: 'person', ...field });
  await post('/api/v1/custom-fields', { objectType: 'company', key: 'rank', label: 'Rank', type: 'number' });
  const parent = await post('/api/v1/companies', { name: 'Parent, "Holding"', ownerId: seller.me.user?.id });
  const acme = await post('/api/v1/companies', {
    name: 'Acme\nLtd',
    domains: ['acme.test', 'acme.example'],
    annualRevenue: '1234567890123456.10',
    currency: 'EUR',
    parentCompanyId: parent.id,
    tags: ['b2b', '=x'],
    addresses: [{ line1: 'Main 1', city: 'Vilnius', country: 'LT' }],
    customFields: { rank: 2.5 },
  });
  const hidden = await post('/api/v1/companies', { name: 'Outsider Co', ownerId: outsider.me.user?.id });
  const sellerId = seller.me.user?.id;
  const people = AWKWARD.map((text, i) => ({
    firstName: text,
    lastName: AWKWARD[(i + 3) % AWKWARD.length],
    jobTitle: i % 2 ? text : null,
    emails:
      i % 3 === 0
        ? [
            { email: `a${i}@example.test` },
            { email: `b${i}@example.test`, isPrimary: true },
            { email: `c${i}@example.test` },
          ]
        : [{ email: `only${i}@example.test` }],
    phones: i % 4 === 0 ? [{ number: '+37491234567' }, { number: '+995555123456', isPrimary: true }] : [],
    tags: i % 2 ? ['vip', text] : [],
    interests: ['golf'],
    birthDate: i % 5 === 0 ? '1980-02-29' : null,
    addresses:
      i % 3 === 1
        ? [
            { line1: 'Abovyan 1', line2: 'apt "5"', city: 'Երևան', postalCode: '0001', country: 'AM' },
            { line1: 'Rustaveli 2', city: 'თბილისი', country: 'GE' },
            { city: 'Kaunas' },
          ]
        : [],
    companyIds: i % 2 ? [acme.id, hidden.id, parent.id] : [],
    ownerId: i % 3 === 0 ? sellerId : i % 3 === 1 ? outsider.me.user?.id : owner.me.user?.id,
    customFields: {
      score: i * 1.25 - 3,
      active: i % 2 === 0,
      budget: { amount: 1000 + i, currency: 'AMD' },
      tier: i % 2 ? 'gold' : 'silver',
      langs: ['hy', 'ka', 'lt'].slice(0, i % 4),
      rep: sellerId,
      note: text,
      since: '2020-01-31',
    },
  }));
  for (const person of people) await post('/api/v1/people', person);
  await post('/api/v1/people', {
    firstName: "O'Brien'); drop table people; --",
    lastName: 'Quote',
    tags: ['quote'],
  });
  await post(
    '/api/v1/people',
    { firstName: 'Teammate', lastName: 'Record', ownerId: teammate.me.user?.id },
    teammate,
  );
  // Many rows, written straight to the table (as the superuser the tests connect as).
  await sql`
    insert into people (workspace_id, id, first_name, last_name, emails, tags, owner_id, custom_fields)
    select ${owner.me.workspace.id}::uuid, gen_random_uuid(), 'Bulk ' || g, 'Ժ"ა,Ą' || chr(10) || g,
           jsonb_build_array(jsonb_build_object('email', 'bulk' || g || '@example.test', 'label', 'work', 'isPrimary', true)),
           array['bulk'], ${owner.me.user?.id}::uuid, jsonb_build_object('score', g)
      from generate_series(1, ${BIG}) g`.execute(db);
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app.close();
});

describe('CSV exports through COPY', () => {
  it('write every column exactly as the records would be written by Node (people, all columns)', async () => {
    const { viaCopy, viaNode, rows } = await bothCsv('person', { sort: 'lastName' });
    expect(rows).toBe(AWKWARD.length + 2 + BIG);
    expect(viaCopy).toBe(viaNode);
    const parsed = rowsOf(viaCopy);
    expect(parsed).toHaveLength(rows + 1);
    expect(viaCopy).toContain('"line one\nline two"');
    expect(viaCopy).toContain('"crlf\r\ninside"');
    const header = parsed[0] ?? [];
    expect(header).toContain("'=Active?");
    const row = parsed.find((r) => r[header.indexOf('First name')] === "'=SUM(A1:A2)");
    expect(row?.[header.indexOf('Last name')]).toBe(asCsvText(AWKWARD[6] ?? ''));
  });

  it('match Node for a filter, a selection, the bare list columns, a byte order mark, and companies', async () => {
    const filtered = await bothCsv('person', {
      filter: { field: 'tags', op: 'contains', value: 'vip' },
      columns: 'visible',
      bom: true,
    });
    expect(filtered.viaCopy).toBe(filtered.viaNode);
    expect(filtered.viaCopy.startsWith('\uFEFF')).toBe(true);
    expect(filtered.rows).toBe(AWKWARD.length / 2);
    const companies = await bothCsv('company', { sort: 'name' });
    expect(companies.viaCopy).toBe(companies.viaNode);
    expect(rowsOf(companies.viaCopy)).toHaveLength(4);
    expect(companies.viaCopy).toContain('1234567890123456.10');
  });

  it('keep the quotes of a filter value a value (no SQL injection through the inlined literals)', async () => {
    const value = "O'Brien'); drop table people; --";
    const response = await exportList({
      objectType: 'person',
      filter: { field: 'firstName', op: 'eq', value },
      columns: ['firstName', 'lastName'],
    });
    expect(response.statusCode).toBe(200);
    expect(rowsOf(response.body)).toEqual([
      ['First name', 'Last name'],
      [value, 'Quote'],
    ]);
    const search = await exportList({ objectType: 'person', q: "'; select 1; --", columns: ['firstName'] });
    expect(rowsOf(search.body)).toEqual([['First name']]);
    const count = await sql<{
      n: number;
    }>`select count(*)::int as n from people where workspace_id = ${owner.me.workspace.id}::uuid`.execute(db);
    expect(count.rows[0]?.n).toBe(AWKWARD.length + 2 + BIG);
  });

  it("export only the team's records for a team role, with only the companies it may see", async () => {
    const response = await exportList(
      { objectType: 'person', columns: ['firstName', 'companies'], sort: 'firstName' },
      seller,
    );
    expect(response.statusCode).toBe(200);
    const rows = rowsOf(response.body).slice(1);
    const sellerRows = AWKWARD.filter((_, i) => i % 3 === 0);
    expect(rows.map((r) => r[0]).sort()).toEqual(
      [...sellerRows.map((text) => asCsvText(text.trim())), 'Teammate'].sort(),
    );
    // Acme belongs to nobody in the team and the outsider's company is hidden; the parent is the seller's.
    for (const [, companies] of rows)
      expect(companies === '' || companies === 'Parent, "Holding"').toBe(true);
    const linked = rows.filter(([, companies]) => companies !== '');
    expect(linked.length).toBeGreaterThan(0);
  });

  it('stream a big export over HTTP with CRLF rows; a client that goes away rolls the export back', async () => {
    const audits = async () =>
      (
        await sql<{ n: number }>`select count(*)::int as n from audit_log
          where workspace_id = ${owner.me.workspace.id}::uuid and action = 'export.create'`.execute(db)
      ).rows[0]?.n ?? 0;
    const before = await audits();
    // Cut the reply after its first chunk.
    await new Promise<void>((resolve, reject) => {
      const req = request(
        `${baseUrl}/api/v1/exports`,
        { method: 'POST', headers: { cookie: owner.cookie, 'content-type': 'application/json' } },
        (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
          res.on('error', () => undefined);
        },
      );
      req.on('error', () => undefined);
      req.on('close', () => resolve());
      req.setTimeout(30_000, () => reject(new Error('no reply')));
      req.end(JSON.stringify({ objectType: 'person', columns: 'all' }));
    });
    // The transaction ends (rolled back: no audit entry) and its connection serves the next export.
    for (let i = 0; i < 100; i++) {
      const open = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and application_name = 'kap export'`.execute(db);
      if (open.rows[0]?.n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await audits()).toBe(before);
    const whole = await exportList({ objectType: 'person', columns: ['firstName', 'lastName'] });
    expect(whole.statusCode).toBe(200);
    const lines = rowsOf(whole.body);
    expect(lines).toHaveLength(AWKWARD.length + 3 + BIG);
    expect(lines.filter((r) => r[1]?.startsWith('Ժ"ა,Ą\n'))).toHaveLength(BIG);
    expect(await audits()).toBe(before + 1);
  });
});
