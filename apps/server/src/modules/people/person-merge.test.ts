import type { TAuditEntry, TPerson } from '@kap/shared';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';
import { registerMergeHandler, unregisterMergeHandler } from '../merges/index.ts';

const { app, db } = await createTestApp();

let owner: TSession;
let other: TSession;
let sales: TSession;
const companies: string[] = [];

const as = (session: TSession) => ({ cookie: session.cookie });
const inject = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  session = owner,
) => app.inject({ method, url, headers: as(session), ...(payload && { payload }) });

async function created(response: Promise<LightMyRequestResponse>): Promise<{ id: string }> {
  const reply = await response;
  expect(reply.statusCode, reply.body).toBe(201);
  return reply.json();
}
const createPerson = async (payload: object, session = owner) =>
  (await created(inject('POST', '/api/v1/people', payload, session))).id;
const merge = (payload: object, session = owner) => inject('POST', '/api/v1/people/merge', payload, session);
const getPerson = async (id: string): Promise<TPerson> =>
  (await inject('GET', `/api/v1/people/${id}`)).json();

async function auditOf(recordId: string, action: string): Promise<TAuditEntry[]> {
  const response = await inject('GET', `/api/v1/audit-log?recordId=${recordId}&action=${action}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().data;
}

beforeAll(async () => {
  owner = await signUp(app, 'Merge people');
  other = await signUp(app, 'Merge elsewhere');
  sales = await addMember(app, db, owner, 'sales');
  for (const name of ['Ararat Foods', 'Sevan Fish', 'Shirak Textiles']) {
    companies.push((await created(inject('POST', '/api/v1/companies', { name }))).id);
  }
  const field = await inject('POST', '/api/v1/custom-fields', {
    objectType: 'person',
    key: 'referredBy',
    label: 'Referred by',
    type: 'relation',
    relation: { objectType: 'person' },
  });
  expect(field.statusCode, field.body).toBe(201);
  for (const key of ['tier', 'note']) {
    await inject('POST', '/api/v1/custom-fields', { objectType: 'person', key, label: key, type: 'text' });
  }
});

afterEach(() => unregisterMergeHandler('person', 'failing'));

/** A survivor and a record to merge into it, with activities, tasks, links and identifiers. */
async function seedPair() {
  const [c1 = '', c2 = '', c3 = ''] = companies;
  const survivorId = await createPerson({
    firstName: 'Anahit',
    lastName: 'Petrosyan',
    emails: [{ email: 'anahit@example.am', isPrimary: true }],
    phones: [{ number: '+374 91 123456' }],
    tags: ['vip'],
    companyIds: [c1, c2],
    externalIds: [{ source: 'shop', id: `S-${nextNumber()}` }],
    customFields: { tier: 'gold' },
  });
  const mergedId = await createPerson({
    firstName: 'Ani',
    lastName: 'Petrosyan',
    jobTitle: 'Chef',
    emails: [{ email: 'ANAHIT@example.am' }, { email: 'ani@work.am', label: 'work' }],
    phones: [{ number: '+37491123456' }, { number: '+374 10 123456' }],
    tags: ['vip', 'wine'],
    companyIds: [c3, c2],
    primaryCompanyId: c3,
    externalIds: [{ source: 'pos', id: `P-${nextNumber()}` }],
    customFields: { tier: 'silver', note: 'met at the fair' },
  });
  const activity = await created(
    inject('POST', '/api/v1/activities', {
      type: 'call',
      channel: 'phone',
      direction: 'in',
      occurredAt: '2025-03-01T10:00:00Z',
      subject: 'Call',
      personIds: [mergedId, survivorId],
    }),
  );
  const lonely = await created(
    inject('POST', '/api/v1/activities', {
      type: 'note',
      channel: 'other',
      occurredAt: '2025-03-02T10:00:00Z',
      subject: 'Note',
      personIds: [mergedId],
    }),
  );
  const task = await created(inject('POST', '/api/v1/tasks', { title: 'Follow up', personIds: [mergedId] }));
  const referrer = await createPerson({ firstName: 'Referred', customFields: { referredBy: mergedId } });
  return { survivorId, mergedId, activityIds: [activity.id, lonely.id], taskId: task.id, referrer };
}

let sequence = 0;
function nextNumber(): number {
  sequence += 1;
  return sequence;
}

describe('merging people', () => {
  it('moves everything to the survivor, honours field choices and unions the lists', async () => {
    const seed = await seedPair();
    const response = await merge({
      survivorId: seed.survivorId,
      mergedIds: [seed.mergedId],
      fieldChoices: { firstName: seed.mergedId, 'customFields.note': seed.survivorId },
    });
    expect(response.statusCode, response.body).toBe(200);
    const { person, mergedIds, moved } = response.json();
    expect(mergedIds).toEqual([seed.mergedId]);
    expect(moved).toMatchObject({ activities: 2, tasks: 1, personRelationValues: 1 });
    expect(person).toMatchObject({
      id: seed.survivorId,
      firstName: 'Ani', // chosen
      lastName: 'Petrosyan',
      jobTitle: 'Chef', // the survivor had none
      tags: ['vip', 'wine'],
      companyIds: [companies[0], companies[1], companies[2]],
      primaryCompanyId: companies[0],
      // chosen per key: the survivor had no note, so the choice clears it; tier keeps the survivor's
      customFields: { tier: 'gold' },
      version: 2,
    });
    expect(person.emails).toEqual([
      { email: 'anahit@example.am', label: 'other', isPrimary: true },
      { email: 'ani@work.am', label: 'work', isPrimary: false },
    ]);
    expect(person.phones.map((p: { number: string }) => p.number)).toEqual(['+37491123456', '+37410123456']);
    expect(person.externalIds.map((x: { source: string }) => x.source)).toEqual(['shop', 'pos']);

    // Identifiers moved: lookups by the merged person's email and external id find the survivor.
    const byEmail = await inject('GET', '/api/v1/people?email=ani@work.am');
    expect(byEmail.json().data.map((p: TPerson) => p.id)).toEqual([seed.survivorId]);
    const pos = person.externalIds.find((x: { source: string }) => x.source === 'pos');
    const byExternal = await inject('GET', `/api/v1/people?externalId=pos:${pos.id}`);
    expect(byExternal.json().data.map((p: TPerson) => p.id)).toEqual([seed.survivorId]);

    for (const id of seed.activityIds) {
      const activity = (await inject('GET', `/api/v1/activities/${id}`)).json();
      expect(activity.personIds).toEqual([seed.survivorId]);
    }
    expect((await inject('GET', `/api/v1/tasks/${seed.taskId}`)).json().personIds).toEqual([seed.survivorId]);
    expect((await getPerson(seed.referrer)).customFields).toEqual({ referredBy: seed.survivorId });
    const timeline = await inject('GET', `/api/v1/people/${seed.survivorId}/timeline`);
    expect(timeline.statusCode).toBe(200);
  });

  it('merged ids resolve to the survivor on GET; PATCH and DELETE on them are 409 naming it', async () => {
    const seed = await seedPair();
    expect((await merge({ survivorId: seed.survivorId, mergedIds: [seed.mergedId] })).statusCode).toBe(200);
    const read = await inject('GET', `/api/v1/people/${seed.mergedId}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().id).toBe(seed.survivorId);
    expect(read.headers['content-location']).toBe(`/api/v1/people/${seed.survivorId}`);
    expect(read.headers['kap-merged-into']).toBe(seed.survivorId);
    const live = await inject('GET', `/api/v1/people/${seed.survivorId}`);
    expect(live.headers['kap-merged-into']).toBeUndefined();

    const patch = await inject('PATCH', `/api/v1/people/${seed.mergedId}`, { firstName: 'X' });
    expect(errorOf(patch, 409)).toMatchObject({ code: 'CONFLICT', details: [{ path: 'id' }] });
    expect(patch.headers['kap-merged-into']).toBe(seed.survivorId);
    expect(errorOf(await inject('DELETE', `/api/v1/people/${seed.mergedId}`), 409).code).toBe('CONFLICT');

    // Merged again: the first merged id follows to the newest survivor, not through a chain.
    const third = await createPerson({ firstName: 'Third' });
    expect((await merge({ survivorId: third, mergedIds: [seed.survivorId] })).statusCode).toBe(200);
    expect((await getPerson(seed.mergedId)).id).toBe(third);
  });

  it('is in the audit log: person.merge on the survivor, person.mergedInto on each merged person', async () => {
    const seed = await seedPair();
    const choices = { lastName: seed.mergedId };
    expect(
      (await merge({ survivorId: seed.survivorId, mergedIds: [seed.mergedId], fieldChoices: choices }))
        .statusCode,
    ).toBe(200);
    const [entry] = await auditOf(seed.survivorId, 'person.merge');
    expect(entry?.after).toMatchObject({
      mergedIds: [seed.mergedId],
      fieldChoices: choices,
      jobTitle: 'Chef',
    });
    expect(entry?.before).toMatchObject({ jobTitle: null });
    // Merge details live beside the diff, never as fields of `before`.
    expect(Object.keys(entry?.before ?? {})).not.toContain('mergedIds');
    const [mergedInto] = await auditOf(seed.mergedId, 'person.mergedInto');
    expect(mergedInto?.after).toMatchObject({ mergedInto: seed.survivorId, record: { firstName: 'Ani' } });
  });

  it("the survivor's timeline shows the merge with only the fields that changed", async () => {
    const seed = await seedPair();
    const response = await merge({
      survivorId: seed.survivorId,
      mergedIds: [seed.mergedId],
      // lastName is the same on both: choosing the merged person's value changes nothing.
      fieldChoices: { firstName: seed.mergedId, lastName: seed.mergedId },
    });
    expect(response.statusCode, response.body).toBe(200);
    const timeline = await inject('GET', `/api/v1/people/${seed.survivorId}/timeline?kinds=change`);
    expect(timeline.statusCode, timeline.body).toBe(200);
    const items = timeline.json().data as {
      title: string;
      summary: string;
      data: { action: string; changes: { field: string; before: unknown; after: unknown }[] };
    }[];
    const mergeItem = items.find((item) => item.data.action === 'person.merge');
    const fields = mergeItem?.data.changes.map((change) => change.field).sort();
    expect(fields).toEqual(
      // customFields: the survivor had no note, so it takes the merged person's
      [
        'companyIds',
        'customFields',
        'emails',
        'externalIds',
        'firstName',
        'jobTitle',
        'phones',
        'tags',
      ].sort(),
    );
    expect(mergeItem?.data.changes.find((c) => c.field === 'firstName')).toEqual({
      field: 'firstName',
      before: 'Anahit',
      after: 'Ani',
    });
    expect(mergeItem?.summary).not.toMatch(/mergedIds|fieldChoices|moved|lastName/);
    // The creation lists what was set, not every empty field.
    const created = items.find((item) => item.data.action === 'person.create');
    expect(created?.data.changes.map((change) => change.field)).not.toContain('gender');
  });

  it('is one transaction: a failing merge handler leaves everything as it was', async () => {
    const seed = await seedPair();
    registerMergeHandler('person', 'failing', async () => {
      throw new Error('a later module failed');
    });
    const before = await getPerson(seed.survivorId);
    const response = await merge({ survivorId: seed.survivorId, mergedIds: [seed.mergedId] });
    expect(errorOf(response, 500).code).toBe('INTERNAL');
    expect(await getPerson(seed.survivorId)).toEqual(before);
    const merged = await inject('GET', `/api/v1/people/${seed.mergedId}`);
    expect(merged.statusCode).toBe(200);
    expect(merged.json().id).toBe(seed.mergedId);
    const activity = (await inject('GET', `/api/v1/activities/${seed.activityIds[1]}`)).json();
    expect(activity.personIds).toEqual([seed.mergedId]);
    expect((await getPerson(seed.referrer)).customFields).toEqual({ referredBy: seed.mergedId });
    expect(await auditOf(seed.survivorId, 'person.merge')).toEqual([]);
  });

  it('refuses bad requests with the path of the field', async () => {
    const a = await createPerson({ firstName: 'A' });
    const b = await createPerson({ firstName: 'B' });
    const stranger = await createPerson({ firstName: 'Stranger' }, other);
    const unknown = '0190d2a4-0000-7000-8000-000000000000';
    const paths = (response: LightMyRequestResponse, status: number) =>
      errorOf(response, status).details?.map((d) => d.path);
    expect(paths(await merge({ survivorId: a, mergedIds: [a] }), 400)).toEqual(['mergedIds.0']);
    expect(paths(await merge({ survivorId: a, mergedIds: [b, b] }), 400)).toEqual(['mergedIds.1']);
    expect(paths(await merge({ survivorId: a, mergedIds: [] }), 400)).toEqual(['mergedIds']);
    expect(paths(await merge({ survivorId: a, mergedIds: [unknown] }), 404)).toEqual(['mergedIds.0']);
    expect(paths(await merge({ survivorId: unknown, mergedIds: [a] }), 404)).toEqual(['survivorId']);
    // Another workspace's person is simply not found.
    expect(paths(await merge({ survivorId: a, mergedIds: [stranger] }), 404)).toEqual(['mergedIds.0']);
    expect(paths(await merge({ survivorId: a, mergedIds: [b], fieldChoices: { color: a } }), 400)).toEqual([
      'fieldChoices.color',
    ]);
    expect(
      paths(await merge({ survivorId: a, mergedIds: [b], fieldChoices: { firstName: unknown } }), 400),
    ).toEqual(['fieldChoices.firstName']);
    const stale = await app.inject({
      method: 'POST',
      url: '/api/v1/people/merge',
      headers: { ...as(owner), 'if-match': '"7"' },
      payload: { survivorId: a, mergedIds: [b] },
    });
    expect(errorOf(stale, 412).code).toBe('PRECONDITION_FAILED');
    expect((await getPerson(b)).id).toBe(b);
  });

  it('"own"-scope roles merge only people they can see', async () => {
    const mine = await createPerson({ firstName: 'Mine' }, sales);
    const alsoMine = await createPerson({ firstName: 'Also mine' }, sales);
    const owners = await createPerson({ firstName: 'Not yours' });
    const refused = await merge({ survivorId: mine, mergedIds: [owners] }, sales);
    expect(errorOf(refused, 404).details?.map((d) => d.path)).toEqual(['mergedIds.0']);
    expect((await merge({ survivorId: mine, mergedIds: [alsoMine] }, sales)).statusCode).toBe(200);
    const viewer = await addMember(app, db, owner, 'viewer');
    expect(errorOf(await merge({ survivorId: owners, mergedIds: [mine] }, viewer), 403).code).toBe(
      'FORBIDDEN',
    );
  });
});
