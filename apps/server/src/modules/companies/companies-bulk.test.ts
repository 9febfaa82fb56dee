import type { TPerson } from '@kap/shared';
import { describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TSession } from '../../../../../test/helpers.ts';

const { app } = await createTestApp();
const as = (session: TSession) => ({ cookie: session.cookie });

async function createPerson(session: TSession, payload: object): Promise<TPerson> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/people', headers: as(session), payload });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json();
}

const getPerson = async (session: TSession, id: string) =>
  (await app.inject({ method: 'GET', url: `/api/v1/people/${id}`, headers: as(session) })).json() as TPerson;

describe('companies bulk actions', () => {
  it('tags by filter and deletes by ids (people lose the link)', async () => {
    const ws = await signUp(app);
    const create = async (name: string, industry: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/companies',
          headers: as(ws),
          payload: { name, industry },
        })
      ).json() as {
        id: string;
      };
    const a = await create('Alpha', 'Tech');
    const b = await create('Beta', 'Food');
    const person = await createPerson(ws, { firstName: 'Linked', companyIds: [a.id] });
    const tagged = await app.inject({
      method: 'POST',
      url: '/api/v1/companies/bulk',
      headers: as(ws),
      payload: { action: 'addTag', value: 'tech', filter: { field: 'industry', op: 'eq', value: 'Tech' } },
    });
    expect(tagged.json()).toEqual({ affected: 1 });
    const list = await app.inject({
      method: 'GET',
      url: `/api/v1/companies?filter=${encodeURIComponent(JSON.stringify({ field: 'tags', op: 'contains', value: 'tech' }))}`,
      headers: as(ws),
    });
    expect((list.json().data as { name: string }[]).map((c) => c.name)).toEqual(['Alpha']);
    const deleted = await app.inject({
      method: 'POST',
      url: '/api/v1/companies/bulk',
      headers: as(ws),
      payload: { action: 'delete', ids: [a.id, b.id], confirm: true },
    });
    expect(deleted.json()).toEqual({ affected: 2 });
    expect((await getPerson(ws, person.id)).companyIds).toEqual([]);
  });
});
