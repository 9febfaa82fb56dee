import type { TCompany } from '@kap/shared';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';

const { app, db } = await createTestApp();

let owner: TSession;
let other: TSession;

beforeAll(async () => {
  owner = await signUp(app, 'Company external ids');
  other = await signUp(app, 'Other company external ids');
});

const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, session = owner) =>
  app.inject({ method, url, headers: { cookie: session.cookie }, ...(payload && { payload }) });

async function createCompany(payload: object, session = owner): Promise<TCompany> {
  const response = await inject('POST', '/api/v1/companies', payload, session);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const lookupRows = async (workspaceId: string) =>
  (
    await sql<{ source: string; value: string; companyId: string }>`
      select source, value, company_id from company_external_ids where workspace_id = ${workspaceId}
       order by source, value`.execute(db)
  ).rows;

const listByExternalId = async (text: string) => {
  const response = await inject('GET', `/api/v1/companies?externalId=${encodeURIComponent(text)}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().data as TCompany[]).map((c) => c.name);
};

describe('company external ids', () => {
  it('are created, read, replaced and cleared; the lookup rows follow', async () => {
    const company = await createCompany({
      name: 'Kartuli Wine',
      externalIds: [
        { source: 'hubspot', id: ' 1001 ' },
        { source: 'erp', id: 'C-7' },
      ],
    });
    expect(company.externalIds).toEqual([
      { source: 'hubspot', id: '1001' },
      { source: 'erp', id: 'C-7' },
    ]);
    const read = await inject('GET', `/api/v1/companies/${company.id}`);
    expect(read.json().externalIds).toEqual(company.externalIds);
    expect(await listByExternalId('hubspot:1001')).toEqual(['Kartuli Wine']);
    expect(await listByExternalId('hubspot:9999')).toEqual([]);

    const replaced = await inject('PATCH', `/api/v1/companies/${company.id}`, {
      externalIds: [{ source: 'hubspot', id: '1002' }],
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().externalIds).toEqual([{ source: 'hubspot', id: '1002' }]);
    expect(await lookupRows(owner.me.workspace.id)).toEqual([
      { source: 'hubspot', value: '1002', companyId: company.id },
    ]);
    // A PATCH that does not name them leaves them alone.
    await inject('PATCH', `/api/v1/companies/${company.id}`, { industry: 'Wine' });
    expect(await listByExternalId('hubspot:1002')).toEqual(['Kartuli Wine']);

    const cleared = await inject('PATCH', `/api/v1/companies/${company.id}`, { externalIds: [] });
    expect(cleared.json().externalIds).toEqual([]);
    expect(await lookupRows(owner.me.workspace.id)).toEqual([]);
  });

  it('belong to one company per workspace: 409 naming the field; other workspaces may reuse them', async () => {
    await createCompany({ name: 'Holder', externalIds: [{ source: 'shop', id: 'A1' }] });
    const taken = errorOf(
      await inject('POST', '/api/v1/companies', {
        name: 'Second',
        externalIds: [
          { source: 'shop', id: 'B2' },
          { source: 'shop', id: 'A1' },
        ],
      }),
      409,
    );
    expect(taken.code).toBe('DUPLICATE');
    expect(taken.details).toEqual([
      { path: 'externalIds.1.id', message: 'Another company already has this shop id' },
    ]);

    const second = await createCompany({ name: 'Second' });
    const onUpdate = errorOf(
      await inject('PATCH', `/api/v1/companies/${second.id}`, {
        externalIds: [{ source: 'shop', id: 'A1' }],
      }),
      409,
    );
    expect(onUpdate.details?.[0]?.path).toBe('externalIds.0.id');

    const twice = errorOf(
      await inject('POST', '/api/v1/companies', {
        name: 'Twice',
        externalIds: [
          { source: 'shop', id: 'C3' },
          { source: 'shop', id: 'C3' },
        ],
      }),
      400,
    );
    expect(twice.details?.[0]?.path).toBe('externalIds.1');
    const bad = errorOf(
      await inject('POST', '/api/v1/companies', {
        name: 'Bad',
        externalIds: [{ source: 'has:colon', id: '1' }],
      }),
      400,
    );
    expect(bad.details?.[0]?.path).toBe('externalIds.0.source');
    expect(errorOf(await inject('GET', '/api/v1/companies?externalId=nocolon'), 400).details?.[0]?.path).toBe(
      'query.externalId',
    );

    // The same id in another workspace is another company's business.
    await createCompany({ name: 'Elsewhere', externalIds: [{ source: 'shop', id: 'A1' }] }, other);
  });

  it('move to the survivor of a merge', async () => {
    const survivor = await createCompany({
      name: 'Merge Survivor',
      externalIds: [{ source: 'crm', id: 'S' }],
    });
    const merged = await createCompany({
      name: 'Merge Merged',
      externalIds: [
        { source: 'crm', id: 'M' },
        { source: 'erp', id: 'M-1' },
      ],
    });
    const response = await inject('POST', '/api/v1/companies/merge', {
      survivorId: survivor.id,
      mergedIds: [merged.id],
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().company.externalIds).toEqual([
      { source: 'crm', id: 'S' },
      { source: 'crm', id: 'M' },
      { source: 'erp', id: 'M-1' },
    ]);
    expect(await listByExternalId('crm:M')).toEqual(['Merge Survivor']);
    expect(await listByExternalId('erp:M-1')).toEqual(['Merge Survivor']);
  });

  it('are an export column', async () => {
    await createCompany({ name: 'Exported Ltd', externalIds: [{ source: 'hubspot', id: 'E-1' }] });
    const response = await inject('POST', '/api/v1/exports', {
      objectType: 'company',
      format: 'csv',
      columns: ['name', 'externalIds'],
      q: 'Exported',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body.trim().split(/\r?\n/)).toEqual(['Name,External ids', 'Exported Ltd,hubspot:E-1']);
  });
});
