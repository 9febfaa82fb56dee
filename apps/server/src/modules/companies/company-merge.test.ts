import type { TAuditEntry, TCompany, TCompanyDuplicate, TPerson } from '@kap/shared';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';
import { registerMergeHandler, unregisterMergeHandler } from '../merges/index.ts';

const { app, db } = await createTestApp();

let owner: TSession;
let other: TSession;
let sales: TSession;

const inject = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  session = owner,
) => app.inject({ method, url, headers: { cookie: session.cookie }, ...(payload && { payload }) });

async function createdId(response: Promise<LightMyRequestResponse>): Promise<string> {
  const reply = await response;
  expect(reply.statusCode, reply.body).toBe(201);
  return reply.json().id;
}
const createCompany = (payload: object, session = owner) =>
  createdId(inject('POST', '/api/v1/companies', payload, session));
const createPerson = (payload: object) => createdId(inject('POST', '/api/v1/people', payload));
const merge = (payload: object, session = owner) =>
  inject('POST', '/api/v1/companies/merge', payload, session);
const getCompany = async (id: string): Promise<TCompany> =>
  (await inject('GET', `/api/v1/companies/${id}`)).json();
const getPerson = async (id: string): Promise<TPerson> =>
  (await inject('GET', `/api/v1/people/${id}`)).json();

async function duplicatesOf(id: string, session = owner): Promise<Record<string, string[]>> {
  const response = await inject('GET', `/api/v1/companies/${id}/duplicates`, undefined, session);
  expect(response.statusCode, response.body).toBe(200);
  return Object.fromEntries(response.json().data.map((d: TCompanyDuplicate) => [d.company.id, d.reasons]));
}

beforeAll(async () => {
  owner = await signUp(app, 'Merge companies');
  other = await signUp(app, 'Merge companies elsewhere');
  sales = await addMember(app, db, owner, 'sales');
  const field = await inject('POST', '/api/v1/custom-fields', {
    objectType: 'company',
    key: 'supplier',
    label: 'Supplier',
    type: 'relation',
    relation: { objectType: 'company' },
  });
  expect(field.statusCode, field.body).toBe(201);
});

afterEach(() => unregisterMergeHandler('company', 'failing'));

describe('company duplicates', () => {
  it('finds the same domain and very similar names, in this workspace only', async () => {
    const acme = await createCompany({ name: 'Zangezur Copper Trading', domains: ['zangezur-copper.am'] });
    const sameName = await createCompany({ name: 'Zangezur Copper Trading LLC' });
    const sameDomain = await createCompany({ name: 'ZCT', domains: ['www.zangezur-copper.am', 'zct.am'] });
    await createCompany({ name: 'Yerevan Bakery' });
    await createCompany({ name: 'Zangezur Copper Trading', domains: ['zangezur-copper.am'] }, other);
    const found = await duplicatesOf(acme);
    expect(found).toEqual({ [sameName]: ['name'], [sameDomain]: ['domain'] });
    const unknown = await inject('GET', '/api/v1/companies/0190d2a4-0000-7000-8000-000000000000/duplicates');
    expect(errorOf(unknown, 404).code).toBe('NOT_FOUND');
    // "own" scope: a sales member neither sees the owner's company nor hears of it.
    const salesCompany = await createCompany({ name: 'Zangezur Copper Trading' }, sales);
    expect(await duplicatesOf(salesCompany, sales)).toEqual({});
  });
});

describe('merging companies', () => {
  async function seed() {
    const survivorId = await createCompany({ name: 'Noyan', domains: ['noyan.am'], tags: ['juice'] });
    const mergedId = await createCompany({
      name: 'Noyan CJSC',
      domains: ['noyan.am', 'noyan.com'],
      industry: 'Food',
      annualRevenue: '1000000',
      currency: 'AMD',
      tags: ['juice', 'export'],
    });
    const child = await createCompany({ name: 'Noyan Logistics', parentCompanyId: mergedId });
    const onlyMerged = await createPerson({ firstName: 'Only', companyIds: [mergedId] });
    const both = await createPerson({
      firstName: 'Both',
      companyIds: [mergedId, survivorId],
      primaryCompanyId: mergedId,
    });
    const activity = await createdId(
      inject('POST', '/api/v1/activities', {
        type: 'meeting',
        channel: 'other',
        occurredAt: '2025-05-01T09:00:00Z',
        subject: 'Tasting',
        companyIds: [mergedId],
      }),
    );
    const task = await createdId(
      inject('POST', '/api/v1/tasks', { title: 'Send offer', companyIds: [mergedId] }),
    );
    const customer = await createCompany({ name: 'Customer', customFields: { supplier: mergedId } });
    return { survivorId, mergedId, child, onlyMerged, both, activity, task, customer };
  }

  it('moves people, subsidiaries, activities, tasks and relations; merged ids resolve to the survivor', async () => {
    const s = await seed();
    const response = await merge({
      survivorId: s.survivorId,
      mergedIds: [s.mergedId],
      fieldChoices: { name: s.mergedId },
    });
    expect(response.statusCode, response.body).toBe(200);
    const { company, moved } = response.json();
    expect(company).toMatchObject({
      id: s.survivorId,
      name: 'Noyan CJSC',
      domains: ['noyan.am', 'noyan.com'],
      industry: 'Food',
      annualRevenue: '1000000.00',
      currency: 'AMD',
      tags: ['juice', 'export'],
      version: 2,
    });
    expect(moved).toMatchObject({
      subsidiaries: 1,
      personCompanyLinks: 2,
      activities: 1,
      tasks: 1,
      companyRelationValues: 1,
    });
    expect((await getCompany(s.child)).parentCompanyId).toBe(s.survivorId);
    expect(await getPerson(s.onlyMerged)).toMatchObject({
      companyIds: [s.survivorId],
      primaryCompanyId: s.survivorId,
    });
    expect(await getPerson(s.both)).toMatchObject({
      companyIds: [s.survivorId],
      primaryCompanyId: s.survivorId,
    });
    expect((await inject('GET', `/api/v1/activities/${s.activity}`)).json().companyIds).toEqual([
      s.survivorId,
    ]);
    expect((await inject('GET', `/api/v1/tasks/${s.task}`)).json().companyIds).toEqual([s.survivorId]);
    expect((await getCompany(s.customer)).customFields).toEqual({ supplier: s.survivorId });

    const read = await inject('GET', `/api/v1/companies/${s.mergedId}`);
    expect(read.json().id).toBe(s.survivorId);
    expect(read.headers['content-location']).toBe(`/api/v1/companies/${s.survivorId}`);
    const patch = await inject('PATCH', `/api/v1/companies/${s.mergedId}`, { name: 'X' });
    expect(errorOf(patch, 409).details).toEqual([{ path: 'id', message: `Merged into ${s.survivorId}` }]);
    expect(errorOf(await inject('DELETE', `/api/v1/companies/${s.mergedId}`), 409).code).toBe('CONFLICT');

    const audit = async (recordId: string, action: string): Promise<TAuditEntry[]> =>
      (await inject('GET', `/api/v1/audit-log?recordId=${recordId}&action=${action}`)).json().data;
    const [entry] = await audit(s.survivorId, 'company.merge');
    expect(entry?.after).toMatchObject({
      mergedIds: [s.mergedId],
      fieldChoices: { name: s.mergedId },
      name: 'Noyan CJSC',
    });
    expect((await audit(s.mergedId, 'company.mergedInto'))[0]?.after).toMatchObject({
      mergedInto: s.survivorId,
    });

    // The timeline's merge entry names the fields that changed, not the merge's details.
    const timeline = await inject('GET', `/api/v1/companies/${s.survivorId}/timeline?kinds=change`);
    expect(timeline.statusCode, timeline.body).toBe(200);
    const mergeItem = (
      timeline.json().data as { data: { action: string; changes: { field: string }[] } }[]
    ).find((item) => item.data.action === 'company.merge');
    expect(mergeItem?.data.changes.map((change) => change.field).sort()).toEqual(
      ['annualRevenue', 'currency', 'domains', 'industry', 'name', 'tags'].sort(),
    );
  });

  it('is one transaction: a failing merge handler leaves everything as it was', async () => {
    const s = await seed();
    registerMergeHandler('company', 'failing', async () => {
      throw new Error('a later module failed');
    });
    const before = await getCompany(s.survivorId);
    expect(errorOf(await merge({ survivorId: s.survivorId, mergedIds: [s.mergedId] }), 500).code).toBe(
      'INTERNAL',
    );
    expect(await getCompany(s.survivorId)).toEqual(before);
    expect((await getCompany(s.mergedId)).id).toBe(s.mergedId);
    expect((await getCompany(s.child)).parentCompanyId).toBe(s.mergedId);
    expect((await getPerson(s.onlyMerged)).companyIds).toEqual([s.mergedId]);
    expect((await inject('GET', `/api/v1/activities/${s.activity}`)).json().companyIds).toEqual([s.mergedId]);
  });

  it('refuses bad requests: itself, unknown, another workspace, other roles, a parent cycle', async () => {
    const a = await createCompany({ name: 'Alpha' });
    const b = await createCompany({ name: 'Beta' });
    const theirs = await createCompany({ name: 'Theirs' }, other);
    const paths = (response: LightMyRequestResponse, status: number) =>
      errorOf(response, status).details?.map((d) => d.path);
    expect(paths(await merge({ survivorId: a, mergedIds: [a] }), 400)).toEqual(['mergedIds.0']);
    expect(paths(await merge({ survivorId: a, mergedIds: [theirs] }), 404)).toEqual(['mergedIds.0']);
    expect(paths(await merge({ survivorId: a, mergedIds: [b] }, sales), 404)).toEqual([
      'survivorId',
      'mergedIds.0',
    ]);
    expect(paths(await merge({ survivorId: a, mergedIds: [b], fieldChoices: { color: a } }), 400)).toEqual([
      'fieldChoices.color',
    ]);
    // A chosen parent among the merged companies is dropped: the survivor cannot be its own parent.
    const child = await createCompany({ name: 'Beta Child', parentCompanyId: b });
    const dropped = await merge({
      survivorId: a,
      mergedIds: [b, child],
      fieldChoices: { parentCompanyId: child },
    });
    expect(dropped.statusCode, dropped.body).toBe(200);
    expect((await getCompany(a)).parentCompanyId).toBeNull();
    // S → P → M: taking M's parent (P) would make S the parent of its own parent.
    const top = await createCompany({ name: 'Top' });
    const middle = await createCompany({ name: 'Middle', parentCompanyId: top });
    const bottom = await createCompany({ name: 'Bottom', parentCompanyId: middle });
    const cycle = await merge({
      survivorId: top,
      mergedIds: [bottom],
      fieldChoices: { parentCompanyId: bottom },
    });
    expect(paths(cycle, 400)).toEqual(['fieldChoices.parentCompanyId']);
    expect((await getCompany(bottom)).id).toBe(bottom);
  });
});
