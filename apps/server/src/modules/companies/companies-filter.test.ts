import type { TCompany } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';

const { app } = await createTestApp();

let owner: TSession;
const headers = () => ({ cookie: owner.cookie });

async function post(url: string, payload: object): Promise<{ id: string }> {
  const response = await app.inject({ method: 'POST', url, headers: headers(), payload });
  if (response.statusCode !== 201) throw new Error(`${url}: ${response.body}`);
  return response.json();
}

async function names(filter: unknown, sort = ''): Promise<string[]> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/companies?limit=500&filter=${encodeURIComponent(JSON.stringify(filter))}${sort}`,
    headers: headers(),
  });
  if (response.statusCode !== 200) throw new Error(response.body);
  return (response.json().data as TCompany[]).map((c) => c.name);
}

let parentId = '';

beforeAll(async () => {
  owner = await signUp(app);
  await post('/api/v1/custom-fields', {
    objectType: 'company',
    key: 'employees',
    label: 'Employees',
    type: 'number',
  });
  await post('/api/v1/custom-fields', {
    objectType: 'company',
    key: 'founded',
    label: 'Founded',
    type: 'date',
  });
  parentId = (await post('/api/v1/companies', { name: 'Holding', industry: 'Finance' })).id;
  await post('/api/v1/companies', {
    name: 'Ārtis Ltd',
    industry: 'Tech',
    size: '11-50',
    annualRevenue: '1500000.00',
    currency: 'EUR',
    domains: ['artis.example'],
    addresses: [{ city: 'Riga', country: 'LV' }],
    parentCompanyId: parentId,
    tags: ['partner'],
    customFields: { employees: 40, founded: '2010-04-01' },
  });
  await post('/api/v1/companies', {
    name: 'Beta',
    industry: 'Food',
    size: '501-1000',
    annualRevenue: '20000.00',
    currency: 'USD',
    customFields: { employees: 700 },
  });
});

describe('company filters', () => {
  it.each([
    [{ field: 'name', op: 'contains', value: 'artis' }, ['Ārtis Ltd']],
    [{ field: 'industry', op: 'in', value: ['Tech', 'Food'] }, ['Beta', 'Ārtis Ltd']],
    [{ field: 'size', op: 'eq', value: '501-1000' }, ['Beta']],
    [{ field: 'annualRevenue', op: 'gt', value: 100000 }, ['Ārtis Ltd']],
    [{ field: 'annualRevenue', op: 'isEmpty' }, ['Holding']],
    [{ field: 'currency', op: 'eq', value: 'usd' }, ['Beta']],
    [{ field: 'domains', op: 'contains', value: 'ARTIS.example' }, ['Ārtis Ltd']],
    [{ field: 'country', op: 'eq', value: 'lv' }, ['Ārtis Ltd']],
    [{ field: 'city', op: 'isNotEmpty' }, ['Ārtis Ltd']],
    [{ field: 'tags', op: 'notIn', value: ['partner'] }, ['Beta', 'Holding']],
    [{ field: 'customFields.employees', op: 'between', value: [10, 100] }, ['Ārtis Ltd']],
    [{ field: 'customFields.founded', op: 'before', value: '2020-01-01' }, ['Ārtis Ltd']],
    [
      {
        or: [
          { field: 'customFields.employees', op: 'gte', value: 500 },
          { field: 'industry', op: 'eq', value: 'Finance' },
        ],
      },
      ['Beta', 'Holding'],
    ],
  ])('%j', async (filter, expected) => {
    expect(await names(filter)).toEqual(expected);
  });

  it('parentCompanyId, and sorting by a custom field or an optional column', async () => {
    expect(await names({ field: 'parentCompanyId', op: 'eq', value: parentId })).toEqual(['Ārtis Ltd']);
    expect(await names({ and: [] }, '&sort=-customFields.employees')).toEqual([
      'Beta',
      'Ārtis Ltd',
      'Holding',
    ]);
    expect(await names({ and: [] }, '&sort=annualRevenue')).toEqual(['Beta', 'Ārtis Ltd', 'Holding']);
  });

  it('refuses ops and values that do not fit', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/companies?filter=${encodeURIComponent(
        JSON.stringify({
          and: [
            { field: 'size', op: 'eq', value: 'huge' },
            { field: 'name', op: 'gt', value: 'a' },
          ],
        }),
      )}`,
      headers: headers(),
    });
    expect(errorOf(response, 400).details?.map((d) => d.path)).toEqual([
      'filter.and.0.value',
      'filter.and.1.op',
    ]);
  });
});
