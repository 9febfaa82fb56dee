import type { TCompany } from '@kap/shared';
import { describe, expect, it } from 'vitest';
import { addMember, createTestApp, signUp, type TSession } from '../../../../../test/helpers.ts';

// "Select all N matching" with a search text on the companies list: the bulk action selects what
// the list and its count select (one search condition, companies-search-condition.ts).
const { app, db } = await createTestApp();
const as = (session: TSession) => ({ cookie: session.cookie });

async function createCompany(session: TSession, payload: object): Promise<TCompany> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/companies',
    headers: as(session),
    payload,
  });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json();
}

async function namesTagged(session: TSession, tag: string): Promise<string[]> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/companies?tag=${tag}&limit=100`,
    headers: as(session),
  });
  return (response.json().data as TCompany[]).map((c) => c.name).sort();
}

describe('companies bulk actions on all matching a search text', () => {
  it('tag exactly the companies matching by name or domain, within record scope', async () => {
    const owner = await signUp(app, 'Companies bulk search');
    const sales = await addMember(app, db, owner, 'sales');
    const salesId = sales.me.user?.id;
    await createCompany(owner, { name: 'Acme Armenia', ownerId: salesId });
    await createCompany(owner, { name: 'Other', domains: ['acme.example'], ownerId: salesId });
    await createCompany(owner, { name: 'ACME Lithuania' });
    await createCompany(owner, { name: 'Zeta', ownerId: salesId });
    const count = await app.inject({
      method: 'GET',
      url: '/api/v1/companies/count?q=acme',
      headers: as(owner),
    });
    expect(count.json()).toEqual({ count: 3, isExact: true });
    const bulk = (session: TSession, value: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/companies/bulk',
        headers: as(session),
        payload: { action: 'addTag', value, filter: { and: [] }, q: 'acme' },
      });
    expect((await bulk(owner, 'acme')).json()).toEqual({ affected: 3 });
    expect(await namesTagged(owner, 'acme')).toEqual(['ACME Lithuania', 'Acme Armenia', 'Other']);
    // A sales member (team scope, no team: their own) reaches only their own matching companies.
    expect((await bulk(sales, 'mine')).json()).toEqual({ affected: 2 });
    expect(await namesTagged(owner, 'mine')).toEqual(['Acme Armenia', 'Other']);
  });
});
