import type { TCompany, TPerson, TView } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';

const { app, db } = await createTestApp();

let owner: TSession;
let sales: TSession;
let viewer: TSession;
const as = (session: TSession) => ({ cookie: session.cookie });

async function createView(session: TSession, payload: object) {
  return app.inject({ method: 'POST', url: '/api/v1/views', headers: as(session), payload });
}

beforeAll(async () => {
  owner = await signUp(app);
  sales = await addMember(app, db, owner, 'sales');
  viewer = await addMember(app, db, owner, 'viewer');
  await app.inject({
    method: 'POST',
    url: '/api/v1/custom-fields',
    headers: as(owner),
    payload: { objectType: 'person', key: 'score', label: 'Score', type: 'number' },
  });
  for (const [firstName, score, stage] of [
    ['Low', 1, 'lead'],
    ['Mid', 5, 'lead'],
    ['High', 9, 'lead'],
    ['Other', 7, 'customer'],
  ] as const) {
    await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: as(owner),
      payload: { firstName, lifecycleStage: stage, customFields: { score } },
    });
  }
});

describe('saved views', () => {
  it('CRUD with version, If-Match and audit', async () => {
    const created = await createView(owner, {
      objectType: 'person',
      name: 'Hot leads',
      filter: { and: [{ field: 'lifecycleStage', op: 'eq', value: 'lead' }] },
      sort: '-customFields.score',
      columns: ['displayName', 'customFields.score', 'lifecycleStage'],
    });
    expect(created.statusCode).toBe(201);
    const view = created.json() as TView;
    expect(view).toMatchObject({
      isShared: false,
      version: 1,
      ownerId: owner.me.user?.id,
      columns: ['displayName', 'customFields.score', 'lifecycleStage'],
    });
    const got = await app.inject({ method: 'GET', url: `/api/v1/views/${view.id}`, headers: as(owner) });
    expect(got.json()).toEqual(view);
    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/v1/views/${view.id}`,
      headers: { ...as(owner), 'if-match': '"7"' },
      payload: { name: 'x' },
    });
    expect(stale.statusCode).toBe(412);
    const renamed = await app.inject({
      method: 'PATCH',
      url: `/api/v1/views/${view.id}`,
      headers: { ...as(owner), 'if-match': '"1"' },
      payload: { name: 'Hottest leads', columns: ['displayName'] },
    });
    expect(renamed.json()).toMatchObject({ name: 'Hottest leads', version: 2, columns: ['displayName'] });
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/v1/views/${view.id}`,
      headers: as(owner),
    });
    expect(deleted.statusCode).toBe(204);
    expect(
      (await app.inject({ method: 'GET', url: `/api/v1/views/${view.id}`, headers: as(owner) })).statusCode,
    ).toBe(404);
    const audit = await db
      .selectFrom('auditLog')
      .select('action')
      .where('recordId', '=', view.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['view.create', 'view.update', 'view.delete']);
  });

  it('personal views are their owner’s only; shared ones everyone’s; shared needs write access', async () => {
    const personal = (await createView(owner, { objectType: 'person', name: 'Mine' })).json() as TView;
    const shared = (
      await createView(owner, { objectType: 'company', name: 'Ours', isShared: true })
    ).json() as TView;
    const salesList = await app.inject({ method: 'GET', url: '/api/v1/views', headers: as(sales) });
    const salesIds = (salesList.json().data as TView[]).map((v) => v.id);
    expect(salesIds).toContain(shared.id);
    expect(salesIds).not.toContain(personal.id);
    expect(
      (await app.inject({ method: 'GET', url: `/api/v1/views/${personal.id}`, headers: as(sales) }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: `/api/v1/views/${personal.id}`,
          headers: as(sales),
          payload: { name: 'x' },
        })
      ).statusCode,
    ).toBe(404);
    // A viewer keeps personal views but cannot publish one.
    expect((await createView(viewer, { objectType: 'person', name: 'My look' })).statusCode).toBe(201);
    expect(
      errorOf(await createView(viewer, { objectType: 'person', name: 'For all', isShared: true }), 403).code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: `/api/v1/views/${shared.id}`,
          headers: as(viewer),
          payload: { name: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    // Sales may change people and companies, so it may edit the shared view.
    const edited = await app.inject({
      method: 'PATCH',
      url: `/api/v1/views/${shared.id}`,
      headers: as(sales),
      payload: { name: 'Ours, edited' },
    });
    expect(edited.json()).toMatchObject({ name: 'Ours, edited', version: 2 });
    const companies = await app.inject({
      method: 'GET',
      url: '/api/v1/views?objectType=company',
      headers: as(owner),
    });
    expect((companies.json().data as TView[]).every((v) => v.objectType === 'company')).toBe(true);
  });

  it('checks filter and sort against the fields', async () => {
    const bad = await createView(owner, {
      objectType: 'person',
      name: 'Bad',
      filter: { and: [{ field: 'customFields.nope', op: 'eq', value: 1 }] },
    });
    expect(errorOf(bad, 400).details?.map((d) => d.path)).toEqual(['filter.and.0.field']);
    const badSort = await createView(owner, {
      objectType: 'company',
      name: 'Bad',
      sort: 'customFields.score',
    });
    expect(errorOf(badSort, 400).details?.map((d) => d.path)).toEqual(['sort']);
  });

  it('a list applies viewId; explicit filter and sort override the view', async () => {
    const view = (
      await createView(owner, {
        objectType: 'person',
        name: 'Leads by score',
        filter: { field: 'lifecycleStage', op: 'eq', value: 'lead' },
        sort: '-customFields.score',
      })
    ).json() as TView;
    const names = async (query: string) => {
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/people?${query}`,
        headers: as(owner),
      });
      expect(response.statusCode).toBe(200);
      return (response.json().data as TPerson[]).map((p) => p.firstName);
    };
    expect(await names(`viewId=${view.id}`)).toEqual(['High', 'Mid', 'Low']);
    expect(await names(`viewId=${view.id}&sort=customFields.score`)).toEqual(['Low', 'Mid', 'High']);
    const filter = encodeURIComponent(JSON.stringify({ field: 'customFields.score', op: 'gt', value: 6 }));
    expect(await names(`viewId=${view.id}&filter=${filter}`)).toEqual(['High', 'Other']);
    // Paging through a view keeps its sort.
    const first = await app.inject({
      method: 'GET',
      url: `/api/v1/people?viewId=${view.id}&limit=2`,
      headers: as(owner),
    });
    const next = await app.inject({
      method: 'GET',
      url: `/api/v1/people?viewId=${view.id}&limit=2&cursor=${first.json().nextCursor}`,
      headers: as(owner),
    });
    expect((next.json().data as TPerson[]).map((p) => p.firstName)).toEqual(['Low']);
    // A person view on the company list, and another workspace's view, are refused.
    const wrongType = await app.inject({
      method: 'GET',
      url: `/api/v1/companies?viewId=${view.id}`,
      headers: as(owner),
    });
    expect(errorOf(wrongType, 400).details?.map((d) => d.path)).toEqual(['query.viewId']);
    const stranger = await signUp(app);
    const foreign = await app.inject({
      method: 'GET',
      url: `/api/v1/people?viewId=${view.id}`,
      headers: as(stranger),
    });
    expect(foreign.statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: `/api/v1/views/${view.id}`, headers: as(stranger) }))
        .statusCode,
    ).toBe(404);
    const companies = await app.inject({ method: 'GET', url: '/api/v1/companies', headers: as(owner) });
    expect(companies.json().data as TCompany[]).toEqual([]);
  });
});
