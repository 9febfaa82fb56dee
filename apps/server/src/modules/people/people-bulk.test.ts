import type { TPerson } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';

const { app, db } = await createTestApp();

let owner: TSession;
let sales: TSession;
const as = (session: TSession) => ({ cookie: session.cookie });

async function createPerson(session: TSession, payload: object): Promise<TPerson> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/people', headers: as(session), payload });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json();
}

const bulk = (session: TSession, payload: object) =>
  app.inject({ method: 'POST', url: '/api/v1/people/bulk', headers: as(session), payload });

const getPerson = async (session: TSession, id: string) =>
  (await app.inject({ method: 'GET', url: `/api/v1/people/${id}`, headers: as(session) })).json() as TPerson;

beforeAll(async () => {
  owner = await signUp(app);
  sales = await addMember(app, db, owner, 'sales');
});

describe('people bulk actions', () => {
  it('adds a tag by ids: other workspaces’ and malformed ids are skipped; version, audit', async () => {
    const a = await createPerson(owner, { firstName: 'A', tags: ['x'] });
    const b = await createPerson(owner, { firstName: 'B' });
    const stranger = await signUp(app);
    const foreign = await createPerson(stranger, { firstName: 'F' });
    const response = await bulk(owner, {
      action: 'addTag',
      value: 'vip',
      ids: [a.id, b.id, foreign.id, 'garbage'],
    });
    expect(response.json()).toEqual({ affected: 2 });
    expect(await getPerson(owner, a.id)).toMatchObject({ tags: ['x', 'vip'], version: 2 });
    expect((await getPerson(stranger, foreign.id)).tags).toEqual([]);
    // Already tagged: not a change.
    expect((await bulk(owner, { action: 'addTag', value: 'vip', ids: [a.id, b.id] })).json()).toEqual({
      affected: 0,
    });
    const audit = await db
      .selectFrom('auditLog')
      .select(['action', 'recordId', 'before', 'after'])
      .where('workspaceId', '=', owner.me.workspace.id)
      .where('action', 'in', ['person.update', 'person.bulkUpdate'])
      .orderBy('id')
      .execute();
    const perRecord = audit.filter((e) => e.action === 'person.update' && e.recordId === a.id);
    expect(perRecord).toEqual([
      { action: 'person.update', recordId: a.id, before: { tags: ['x'] }, after: { tags: ['x', 'vip'] } },
    ]);
    const summaries = audit.filter((e) => e.action === 'person.bulkUpdate');
    expect(summaries[0]?.after).toMatchObject({ action: 'addTag', value: 'vip', affected: 2, idCount: 4 });
  });

  it('works on a whole filtered result: remove tag, lifecycle stage, owner', async () => {
    const ws = await signUp(app);
    for (let i = 0; i < 30; i++)
      await createPerson(ws, { firstName: `N${i}`, tags: i % 3 === 0 ? ['cold'] : [] });
    const cold = { field: 'tags', op: 'contains', value: 'cold' };
    expect((await bulk(ws, { action: 'setLifecycleStage', value: 'lead', filter: cold })).json()).toEqual({
      affected: 10,
    });
    expect((await bulk(ws, { action: 'removeTag', value: 'cold', filter: { and: [cold] } })).json()).toEqual({
      affected: 10,
    });
    const leads = await app.inject({
      method: 'GET',
      url: '/api/v1/people?lifecycleStage=lead&limit=100',
      headers: as(ws),
    });
    expect((leads.json().data as TPerson[]).every((p) => p.tags.length === 0 && p.version === 3)).toBe(true);
    expect(leads.json().data).toHaveLength(10);
    const badStage = await bulk(ws, { action: 'setLifecycleStage', value: 'nope', filter: cold });
    expect(errorOf(badStage, 400).details?.map((d) => d.path)).toEqual(['lifecycleStage']);
    const badFilter = await bulk(ws, {
      action: 'addTag',
      value: 't',
      filter: { field: 'nope', op: 'eq', value: 1 },
    });
    expect(errorOf(badFilter, 400).details?.map((d) => d.path)).toEqual(['filter.field']);
    const unassigned = await bulk(ws, { action: 'setOwner', value: null, filter: { and: [] } });
    expect(unassigned.json()).toEqual({ affected: 30 });
    const notMember = await bulk(ws, { action: 'setOwner', value: sales.me.user?.id, filter: { and: [] } });
    expect(errorOf(notMember, 400).code).toBe('VALIDATION_FAILED');
  });

  it('respects record scope and permissions', async () => {
    const mine = await createPerson(sales, { firstName: 'Sales own' });
    const theirs = await createPerson(owner, { firstName: 'Owner own' });
    const response = await bulk(sales, { action: 'addTag', value: 'scoped', filter: { and: [] } });
    expect(response.json()).toEqual({ affected: 1 });
    expect((await getPerson(owner, mine.id)).tags).toEqual(['scoped']);
    expect((await getPerson(owner, theirs.id)).tags).not.toContain('scoped');
    expect((await bulk(sales, { action: 'addTag', value: 's2', ids: [theirs.id] })).json()).toEqual({
      affected: 0,
    });
    const viewer = await addMember(app, db, owner, 'viewer');
    expect(errorOf(await bulk(viewer, { action: 'addTag', value: 'x', ids: [mine.id] }), 403).code).toBe(
      'FORBIDDEN',
    );
  });

  it('deletes only with confirm, and takes identifiers and links along', async () => {
    const ws = await signUp(app);
    const person = await createPerson(ws, { firstName: 'Gone', emails: [{ email: 'gone@example.test' }] });
    const keep = await createPerson(ws, { firstName: 'Kept' });
    const unconfirmed = await bulk(ws, { action: 'delete', ids: [person.id] });
    expect(errorOf(unconfirmed, 400).details?.map((d) => d.path)).toEqual(['confirm']);
    const both = await bulk(ws, { action: 'delete', ids: [person.id], filter: { and: [] }, confirm: true });
    expect(errorOf(both, 400).details?.map((d) => d.path)).toEqual(['ids']);
    const deleted = await bulk(ws, {
      action: 'delete',
      confirm: true,
      filter: { field: 'emails', op: 'eq', value: 'gone@example.test' },
    });
    expect(deleted.json()).toEqual({ affected: 1 });
    const lookup = await app.inject({
      method: 'GET',
      url: '/api/v1/people?email=gone@example.test',
      headers: as(ws),
    });
    expect(lookup.json().data).toEqual([]);
    const identifiers = await db
      .selectFrom('personIdentifiers')
      .select('value')
      .where('personId', '=', person.id)
      .execute();
    expect(identifiers).toEqual([]);
    expect((await getPerson(ws, keep.id)).firstName).toBe('Kept');
    const audit = await db
      .selectFrom('auditLog')
      .select(['action', 'before'])
      .where('workspaceId', '=', ws.me.workspace.id)
      .where('action', 'in', ['person.delete', 'person.bulkDelete'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['person.bulkDelete', 'person.delete']);
    expect(audit.find((a) => a.action === 'person.delete')?.before).toMatchObject({ firstName: 'Gone' });
  });

  it('refuses more than 10,000 ids', async () => {
    const ids = Array.from({ length: 10_001 }, () => '00000000-0000-0000-0000-000000000000');
    expect(errorOf(await bulk(owner, { action: 'addTag', value: 'x', ids }), 400).details?.[0]?.path).toBe(
      'ids',
    );
  });
});
