import type { TPerson } from '@kap/shared';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TSession } from '../../../../../test/helpers.ts';
import { withWorkspace } from '../../db/tenant.ts';

const { app, db } = await createTestApp();
let owner: TSession;
let workspaceId: string;

async function send(method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  const response = await app.inject({ method, url, headers: { cookie: owner.cookie }, payload });
  if (response.statusCode >= 300)
    throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.statusCode === 204 ? null : response.json();
}

async function namesWhere(filter: object): Promise<string[]> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/people?limit=100&filter=${encodeURIComponent(JSON.stringify(filter))}`,
    headers: { cookie: owner.cookie },
  });
  if (response.statusCode !== 200) throw new Error(response.body);
  return (response.json().data as TPerson[]).map((p) => p.firstName ?? '').sort();
}

/** The side-table rows of one person (migration 0012's triggers write them): `key=value (typed)`. */
async function indexedValuesOf(personId: string): Promise<string[]> {
  const { rows } = await sql<{ line: string }>`
    select field_key || '=' || value_text ||
           coalesce(' (' || coalesce(value_number::text, to_char(value_date, 'YYYY-MM-DD'), value_time::text) || ')', '') as line
      from custom_field_values where workspace_id = ${workspaceId}::uuid and record_id = ${personId}::uuid`.execute(
    db,
  );
  return rows.map((row) => row.line).sort();
}

beforeAll(async () => {
  owner = await signUp(app, 'Indexed custom fields');
  workspaceId = owner.me.workspace.id;
  await send('POST', '/api/v1/custom-fields', {
    objectType: 'person',
    key: 'spend',
    label: 'Spend',
    type: 'number',
  });
  await send('POST', '/api/v1/custom-fields', {
    objectType: 'person',
    key: 'since',
    label: 'Since',
    type: 'date',
  });
  await send('POST', '/api/v1/custom-fields', {
    objectType: 'person',
    key: 'langs',
    label: 'Languages',
    type: 'multiSelect',
    options: [
      { value: 'hy', label: 'Armenian' },
      { value: 'ka', label: 'Georgian' },
      { value: 'lt', label: 'Lithuanian' },
    ],
  });
});

describe('custom field values index', () => {
  it('follows every write: create, change, clear, delete, and a field removed from all records', async () => {
    const person = await send('POST', '/api/v1/people', {
      firstName: 'Ani',
      customFields: { spend: 12.5, since: '2024-02-29', langs: ['hy', 'ka'] },
    });
    expect(await indexedValuesOf(person.id)).toEqual([
      'langs=hy',
      'langs=ka',
      'since=2024-02-29 (2024-02-29)',
      'spend=12.5 (12.5)',
    ]);
    const changed = await send('PATCH', `/api/v1/people/${person.id}`, {
      customFields: { spend: 40, langs: ['lt'], since: null },
    });
    expect(await indexedValuesOf(person.id)).toEqual(['langs=lt', 'spend=40 (40)']);
    // A write that leaves custom fields alone keeps their rows as they are.
    await send('PATCH', `/api/v1/people/${person.id}`, { lastName: 'Sargsyan', version: changed.version });
    expect(await indexedValuesOf(person.id)).toEqual(['langs=lt', 'spend=40 (40)']);
    const fields = (
      await app.inject({ method: 'GET', url: '/api/v1/custom-fields', headers: { cookie: owner.cookie } })
    ).json();
    const langs = fields.data.find((f: { key: string }) => f.key === 'langs');
    await send('DELETE', `/api/v1/custom-fields/${langs.id}`);
    expect(await indexedValuesOf(person.id)).toEqual(['spend=40 (40)']);
    await send('DELETE', `/api/v1/people/${person.id}`);
    expect(await indexedValuesOf(person.id)).toEqual([]);
  });

  it('filters through it: equality, ranges, relative dates and options give the same answers', async () => {
    const today = new Date().toISOString().slice(0, 10);
    await send('POST', '/api/v1/people', { firstName: 'Lela', customFields: { spend: 5, since: today } });
    await send('POST', '/api/v1/people', {
      firstName: 'Rūta',
      customFields: { spend: 500, since: '2001-01-01' },
    });
    await send('POST', '/api/v1/people', { firstName: 'Vardan' });
    expect(await namesWhere({ field: 'customFields.spend', op: 'eq', value: 5 })).toEqual(['Lela']);
    expect(await namesWhere({ field: 'customFields.spend', op: 'between', value: [4, 600] })).toEqual([
      'Lela',
      'Rūta',
    ]);
    expect(await namesWhere({ field: 'customFields.spend', op: 'gt', value: 5 })).toEqual(['Rūta']);
    expect(
      await namesWhere({ field: 'customFields.since', op: 'inLast', value: { amount: 30, unit: 'days' } }),
    ).toEqual(['Lela']);
    expect(await namesWhere({ field: 'customFields.since', op: 'before', value: '2010-01-01' })).toEqual([
      'Rūta',
    ]);
    // Ops the index cannot answer still work on the record itself.
    expect(await namesWhere({ field: 'customFields.spend', op: 'isEmpty' })).toEqual(['Vardan']);
    expect(await namesWhere({ field: 'customFields.spend', op: 'neq', value: 5 })).toEqual([
      'Rūta',
      'Vardan',
    ]);
  });

  it('serves deal lists too (migration 0013)', async () => {
    await send('POST', '/api/v1/custom-fields', {
      objectType: 'deal',
      key: 'seats',
      label: 'Seats',
      type: 'number',
    });
    await send('POST', '/api/v1/deals', { name: 'Small', currency: 'EUR', customFields: { seats: 3 } });
    await send('POST', '/api/v1/deals', { name: 'Large', currency: 'EUR', customFields: { seats: 300 } });
    const filter = encodeURIComponent(JSON.stringify({ field: 'customFields.seats', op: 'gte', value: 100 }));
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/deals?filter=${filter}`,
      headers: { cookie: owner.cookie },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().data.map((deal: { name: string }) => deal.name)).toEqual(['Large']);
  });

  it('is an index scan for the app role under row-level security', async () => {
    // A workspace with a few values is planned either way (the record index, filtering, costs as
    // little): give this one the shape of a real one — many values of other fields — so that the
    // planner's choice shows whether the float8 range can be an index condition under RLS.
    await sql`insert into custom_field_values (workspace_id, record_type, record_id, field_key, value_number)
      select ${workspaceId}::uuid, 'person', gen_random_uuid(), 'noise', g from generate_series(1, 5000) g`.execute(
      db,
    );
    await sql`analyze custom_field_values`.execute(db);
    const plan = await withWorkspace(db, workspaceId, async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const rows = await sql<{ 'QUERY PLAN': string }>`explain
        select id from people where workspace_id = ${workspaceId}::uuid and id in (
          select cfv.record_id from custom_field_values cfv
           where cfv.workspace_id = ${workspaceId}::uuid and cfv.record_type = 'person'
             and cfv.field_key = 'spend' and cfv.value_number between ${'4'}::float8 and ${'600'}::float8)`.execute(
        trx,
      );
      return rows.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/custom_field_values_number_idx/);
    expect(plan).not.toMatch(/Seq Scan on custom_field_values/);
  });
});
