import type { TCompany } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';

const { app, db } = await createTestApp();

let owner: TSession;
let viewer: TSession;
let sales: TSession;
let other: TSession;

const as = (session: TSession) => ({ cookie: session.cookie });

beforeAll(async () => {
  owner = await signUp(app, 'Companies');
  other = await signUp(app, 'Other companies');
  viewer = await addMember(app, db, owner, 'viewer');
  sales = await addMember(app, db, owner, 'sales');
});

async function createCompany(payload: object, session = owner): Promise<TCompany> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/companies',
    headers: as(session),
    payload,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const patch = (id: string, payload: object, headers: Record<string, string> = as(owner)) =>
  app.inject({ method: 'PATCH', url: `/api/v1/companies/${id}`, headers, payload });

describe('companies', () => {
  it('every field round-trips; domains are normalised; revenue stays exact', async () => {
    const parent = await createCompany({ name: 'Holding' });
    const company = await createCompany({
      name: 'Ararat Foods',
      domains: ['https://www.Ararat-Foods.am/about', 'ararat-foods.am', 'ՀԱՅ.example.com'],
      industry: 'Food',
      size: '51-200',
      annualRevenue: '12345678901234567.89',
      currency: 'amd',
      addresses: [{ label: 'office', line1: 'Tigran Mets 5', city: 'Yerevan', country: 'AM' }],
      parentCompanyId: parent.id,
      tags: ['key account', 'food'],
    });
    expect(company).toMatchObject({
      name: 'Ararat Foods',
      domains: ['ararat-foods.am', 'xn--y9a3aq.example.com'],
      industry: 'Food',
      size: '51-200',
      annualRevenue: '12345678901234567.89',
      currency: 'AMD',
      addresses: [
        {
          label: 'office',
          line1: 'Tigran Mets 5',
          line2: null,
          city: 'Yerevan',
          region: null,
          postalCode: null,
          country: 'AM',
        },
      ],
      parentCompanyId: parent.id,
      ownerId: owner.me.user?.id,
      tags: ['key account', 'food'],
      customFields: {},
      version: 1,
    });
    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/companies/${company.id}`,
      headers: as(owner),
    });
    expect(read.json()).toEqual(company);
    expect(read.headers.etag).toBe('"1"');
    const numeric = await patch(company.id, { annualRevenue: 1250000 });
    expect(numeric.json()).toMatchObject({ annualRevenue: '1250000.00', currency: 'AMD', version: 2 });
  });

  const invalid: { name: string; payload: object; paths: string[] }[] = [
    { name: 'no name', payload: { industry: 'x' }, paths: ['name'] },
    {
      name: 'a domain that is not one',
      payload: { name: 'A', domains: ['not a domain'] },
      paths: ['domains.0'],
    },
    { name: 'a domain without a dot', payload: { name: 'A', domains: ['localhost'] }, paths: ['domains.0'] },
    { name: 'a size outside the bands', payload: { name: 'A', size: '12' }, paths: ['size'] },
    {
      name: 'revenue with three decimals',
      payload: { name: 'A', annualRevenue: '1.234', currency: 'EUR' },
      paths: ['annualRevenue'],
    },
    {
      name: 'negative revenue',
      payload: { name: 'A', annualRevenue: '-5', currency: 'EUR' },
      paths: ['annualRevenue'],
    },
    { name: 'revenue without a currency', payload: { name: 'A', annualRevenue: '5' }, paths: ['currency'] },
    {
      name: 'a currency that is not ISO 4217',
      payload: { name: 'A', currency: 'EURO' },
      paths: ['currency'],
    },
    { name: 'an owner id that is not an id', payload: { name: 'A', ownerId: 'me' }, paths: ['ownerId'] },
  ];
  it.each(invalid)('$name → 400 at $paths', async ({ payload, paths }) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/companies',
      headers: as(owner),
      payload,
    });
    expect(errorOf(response, 400).details?.map((d) => d.path)).toEqual(paths);
  });

  it('a parent cycle is refused: itself, its child, its grandchild', async () => {
    const a = await createCompany({ name: 'A' });
    const b = await createCompany({ name: 'B', parentCompanyId: a.id });
    const c = await createCompany({ name: 'C', parentCompanyId: b.id });
    for (const parentCompanyId of [a.id, b.id, c.id]) {
      const error = errorOf(await patch(a.id, { parentCompanyId }), 400);
      expect(error.details?.map((d) => d.path)).toEqual(['parentCompanyId']);
    }
    const foreign = await createCompany({ name: 'Foreign' }, other);
    expect(errorOf(await patch(c.id, { parentCompanyId: foreign.id }), 400).details?.[0]?.message).toBe(
      'No such company in this workspace',
    );
    expect((await patch(c.id, { parentCompanyId: null })).json().parentCompanyId).toBeNull();
  });

  it('If-Match: a stale write gets 412 and changes nothing', async () => {
    const company = await createCompany({ name: 'Versioned' });
    expect((await patch(company.id, { name: 'V2' }, { ...as(owner), 'if-match': '"1"' })).statusCode).toBe(
      200,
    );
    const stale = await patch(company.id, { name: 'Lost' }, { ...as(owner), 'if-match': '"1"' });
    expect(errorOf(stale, 412).code).toBe('PRECONDITION_FAILED');
    const staleDelete = await app.inject({
      method: 'DELETE',
      url: `/api/v1/companies/${company.id}`,
      headers: { ...as(owner), 'if-match': '"1"' },
    });
    expect(errorOf(staleDelete, 412).code).toBe('PRECONDITION_FAILED');
    const row = await db
      .selectFrom('companies')
      .select(['name', 'version'])
      .where('id', '=', company.id)
      .executeTakeFirst();
    expect(row).toEqual({ name: 'V2', version: 2 });
  });

  it('every change is audited with a diff', async () => {
    const company = await createCompany({ name: 'Audited', industry: 'Retail' });
    await patch(company.id, { industry: 'Wholesale' });
    await app.inject({ method: 'DELETE', url: `/api/v1/companies/${company.id}`, headers: as(owner) });
    const entries = await app.inject({
      method: 'GET',
      url: `/api/v1/audit-log?recordType=company&recordId=${company.id}`,
      headers: as(owner),
    });
    const [removed, updated, created] = entries.json().data;
    expect(created).toMatchObject({
      action: 'company.create',
      after: { name: 'Audited', industry: 'Retail' },
    });
    expect(updated).toMatchObject({
      action: 'company.update',
      before: { industry: 'Retail' },
      after: { industry: 'Wholesale' },
    });
    expect(removed).toMatchObject({
      action: 'company.delete',
      before: { name: 'Audited', unlinkedPeople: 0 },
    });
  });
});

describe('lists', () => {
  it('keyset pages cover every company once in each sort; filters narrow them', async () => {
    const workspace = await signUp(app, 'Company pages');
    const names = ['Delta', 'alpha', 'Charlie', 'Bravo', 'Echo', 'Alpha', 'Foxtrot'];
    for (const [index, name] of names.entries()) {
      await createCompany(
        {
          name,
          industry: index % 2 === 0 ? 'Tech' : 'Food',
          tags: index < 3 ? ['early'] : [],
          domains: [`${name.toLowerCase()}${index}.test`],
        },
        workspace,
      );
    }
    for (const sort of ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/companies?limit=3&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const body = (await app.inject({ method: 'GET', url, headers: as(workspace) })).json();
        seen.push(...body.data.map((c: TCompany) => c.name));
        cursor = body.nextCursor;
      } while (cursor);
      expect(seen.length, sort).toBe(names.length);
      expect(new Set(seen).size, sort).toBe(names.length);
    }
    const filtered = async (query: string) =>
      (await app.inject({ method: 'GET', url: `/api/v1/companies?${query}`, headers: as(workspace) }))
        .json()
        .data.map((c: TCompany) => c.name);
    expect((await filtered('industry=Food')).sort()).toEqual(['Alpha', 'Bravo', 'alpha'].sort());
    expect((await filtered('tag=early')).sort()).toEqual(['Charlie', 'Delta', 'alpha'].sort());
    expect(await filtered('q=echo4.test')).toEqual(['Echo']);
    expect(await filtered(`ownerId=${workspace.me.user?.id}&q=foxtrot`)).toEqual(['Foxtrot']);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/v1/companies?sort=noSuchField', // size is sortable since the filter language
      headers: as(workspace),
    });
    expect(errorOf(bad, 400).details?.map((d) => d.path)).toEqual(['query.sort']);
  });
});

describe('roles and workspaces', () => {
  it('a viewer reads companies but cannot write them', async () => {
    const company = await createCompany({ name: 'Read only' });
    expect(
      (await app.inject({ method: 'GET', url: `/api/v1/companies/${company.id}`, headers: as(viewer) }))
        .statusCode,
    ).toBe(200);
    const create = await app.inject({
      method: 'POST',
      url: '/api/v1/companies',
      headers: as(viewer),
      payload: { name: 'X' },
    });
    expect(errorOf(create, 403).code).toBe('FORBIDDEN');
    expect(errorOf(await patch(company.id, { name: 'X' }, as(viewer)), 403).code).toBe('FORBIDDEN');
    const remove = await app.inject({
      method: 'DELETE',
      url: `/api/v1/companies/${company.id}`,
      headers: as(viewer),
    });
    expect(errorOf(remove, 403).code).toBe('FORBIDDEN');
  });

  it('sales sees only the companies it owns', async () => {
    const mine = await createCompany({ name: 'Sales own' }, sales);
    const theirs = await createCompany({ name: 'Owner own' });
    const list = await app.inject({ method: 'GET', url: '/api/v1/companies?limit=500', headers: as(sales) });
    const ids = list.json().data.map((c: TCompany) => c.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const response = await app.inject({
        method,
        url: `/api/v1/companies/${theirs.id}`,
        headers: as(sales),
        ...(method === 'PATCH' && { payload: { name: 'Taken' } }),
      });
      expect(errorOf(response, 404).code, method).toBe('NOT_FOUND');
    }
    const people = await app.inject({
      method: 'GET',
      url: `/api/v1/companies/${theirs.id}/people`,
      headers: as(sales),
    });
    expect(errorOf(people, 404).code).toBe('NOT_FOUND');
  });

  it("another workspace's company is not found by any route", async () => {
    const foreign = await createCompany({ name: 'Elsewhere' }, other);
    const attempts = [
      { method: 'GET' as const, url: `/api/v1/companies/${foreign.id}` },
      { method: 'GET' as const, url: `/api/v1/companies/${foreign.id}/people` },
      { method: 'PATCH' as const, url: `/api/v1/companies/${foreign.id}`, payload: { name: 'Hijacked' } },
      { method: 'DELETE' as const, url: `/api/v1/companies/${foreign.id}` },
      { method: 'GET' as const, url: '/api/v1/companies/not-a-uuid' },
    ];
    for (const attempt of attempts) {
      const response = await app.inject({ ...attempt, headers: as(owner) });
      expect(errorOf(response, 404).code, `${attempt.method} ${attempt.url}`).toBe('NOT_FOUND');
    }
    const row = await db
      .selectFrom('companies')
      .select('name')
      .where('id', '=', foreign.id)
      .executeTakeFirst();
    expect(row?.name).toBe('Elsewhere');
  });
});

describe("a company's people", () => {
  it('lists them keyset-paginated; deleting the company unlinks them (audited) and frees subsidiaries', async () => {
    const company = await createCompany({ name: 'Employer' });
    const second = await createCompany({ name: 'Second employer' });
    const child = await createCompany({ name: 'Subsidiary', parentCompanyId: company.id });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: as(owner),
        payload: { firstName: `Employee${i}`, companyIds: i === 0 ? [company.id, second.id] : [company.id] },
      });
      ids.push(response.json().id);
    }
    await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: as(owner),
      payload: { firstName: 'Outsider' },
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/companies/${company.id}/people?limit=2&sort=firstName${cursor ? `&cursor=${cursor}` : ''}`;
      const body = (await app.inject({ method: 'GET', url, headers: as(owner) })).json();
      seen.push(...body.data.map((p: { id: string }) => p.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);

    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/companies/${company.id}`,
      headers: as(owner),
    });
    expect(removed.statusCode).toBe(204);
    const first = (
      await app.inject({ method: 'GET', url: `/api/v1/people/${ids[0]}`, headers: as(owner) })
    ).json();
    expect(first).toMatchObject({ companyIds: [second.id], primaryCompanyId: second.id, version: 2 });
    const last = (
      await app.inject({ method: 'GET', url: `/api/v1/people/${ids[4]}`, headers: as(owner) })
    ).json();
    expect(last).toMatchObject({ companyIds: [], primaryCompanyId: null });
    const audit = await app.inject({
      method: 'GET',
      url: `/api/v1/audit-log?recordType=person&recordId=${ids[0]}&action=person.update`,
      headers: as(owner),
    });
    expect(audit.json().data[0]).toMatchObject({
      before: { companyIds: [company.id, second.id], primaryCompanyId: company.id },
      after: { companyIds: [second.id], primaryCompanyId: second.id },
    });
    const subsidiary = (
      await app.inject({ method: 'GET', url: `/api/v1/companies/${child.id}`, headers: as(owner) })
    ).json();
    expect(subsidiary).toMatchObject({ parentCompanyId: null, version: 2 });
    const deleted = await app.inject({
      method: 'GET',
      url: `/api/v1/audit-log?recordType=company&recordId=${company.id}&action=company.delete`,
      headers: as(owner),
    });
    expect(deleted.json().data[0].before.unlinkedPeople).toBe(5);
  });
});
