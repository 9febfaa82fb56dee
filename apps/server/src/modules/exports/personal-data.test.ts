import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';

const { app, db } = await createTestApp();

let owner: TSession;
let personId = '';
const auth = (session: TSession = owner) => ({ cookie: session.cookie });

async function post(url: string, payload: unknown): Promise<{ id: string }> {
  const response = await app.inject({ method: 'POST', url, headers: auth(), payload: payload as object });
  if (response.statusCode !== 201) throw new Error(`${url}: ${response.body}`);
  return response.json();
}

beforeAll(async () => {
  owner = await signUp(app, 'GDPR workspace');
  await post('/api/v1/custom-fields', {
    objectType: 'person',
    key: 'shoe',
    label: 'Shoe size',
    type: 'number',
  });
  const company = await post('/api/v1/companies', { name: 'ԱՄՆ Ծրագրեր' });
  personId = (
    await post('/api/v1/people', {
      firstName: 'Նունե',
      lastName: 'Հակոբյան',
      emails: [{ email: 'nune@example.test' }],
      phones: [{ number: '+37491123456' }],
      companyIds: [company.id],
      customFields: { shoe: 38 },
    })
  ).id;
  await app.inject({
    method: 'PATCH',
    url: `/api/v1/people/${personId}`,
    headers: { ...auth(), 'if-match': '1' },
    payload: { jobTitle: 'Engineer' },
  });
  await post('/api/v1/activities', {
    type: 'call',
    direction: 'out',
    occurredAt: '2026-01-10T10:00:00Z',
    subject: 'Intro call, "warm"',
    personIds: [personId],
  });
  await post('/api/v1/activities', {
    type: 'note',
    occurredAt: '2026-02-01T09:00:00Z',
    subject: 'Second',
    personIds: [personId],
  });
  await post('/api/v1/tasks', { title: 'Send the offer', personIds: [personId] });
  // Someone else's activity is not theirs.
  const other = await post('/api/v1/people', { firstName: 'Other' });
  await post('/api/v1/activities', {
    type: 'note',
    occurredAt: '2026-01-01T00:00:00Z',
    subject: 'Not hers',
    personIds: [other.id],
  });
});

describe('GET /api/v1/people/{id}/export (GDPR)', () => {
  it('is a zip with the person, their activities, tasks and changes as CSV and JSON', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/people/${personId}/export`,
      headers: auth(),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="kap-personal-data-.*\.zip"/,
    );
    const zip = await JSZip.loadAsync(response.rawPayload);
    const names = Object.keys(zip.files).sort();
    for (const name of [
      'person.json',
      'activities.csv',
      'activities.json',
      'tasks.csv',
      'tasks.json',
      'changes.csv',
      'changes.json',
    ]) {
      expect(names).toContain(name);
    }
    const text = (name: string) => zip.file(name)?.async('string') ?? Promise.resolve('');

    const person = JSON.parse(await text('person.json'));
    expect(person.person).toMatchObject({
      id: personId,
      firstName: 'Նունե',
      jobTitle: 'Engineer',
      customFields: { shoe: 38 },
    });
    expect(person.person.emails[0].email).toBe('nune@example.test');
    expect(person.companies).toEqual([expect.objectContaining({ name: 'ԱՄՆ Ծրագրեր', isPrimary: true })]);
    expect(person.customFieldLabels).toEqual({ shoe: 'Shoe size' });
    expect(person.owner.email).toBe(owner.email);

    const activities = JSON.parse(await text('activities.json'));
    expect(activities.map((a: { subject: string }) => a.subject)).toEqual(['Intro call, "warm"', 'Second']);
    const activityRows: string[][] = parse(await text('activities.csv'), { bom: true });
    const subject = activityRows[0]?.indexOf('subject') ?? -1;
    expect(activityRows.slice(1).map((r) => r[subject])).toEqual(['Intro call, "warm"', 'Second']);

    const tasks = JSON.parse(await text('tasks.json'));
    expect(tasks.map((t: { title: string }) => t.title)).toEqual(['Send the offer']);
    const changes = JSON.parse(await text('changes.json'));
    expect(changes.map((c: { action: string }) => c.action)).toEqual(
      expect.arrayContaining(['person.create', 'person.update']),
    );
  });

  it('is audited on the person', async () => {
    await app.inject({ method: 'GET', url: `/api/v1/people/${personId}/export`, headers: auth() });
    const entry = await db
      .selectFrom('auditLog')
      .select(['recordType', 'recordId', 'after'])
      .where('workspaceId', '=', owner.me.workspace.id)
      .where('action', '=', 'person.export')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ recordType: 'person', recordId: personId });
    expect((entry.after as { gdprExport: string[] }).gdprExport).toEqual(
      expect.arrayContaining(['activities', 'tasks']),
    );
  });

  it('404 for a person of another workspace or an unknown id; 403 for a role that may not export', async () => {
    const stranger = await signUp(app, 'Stranger workspace');
    const across = await app.inject({
      method: 'GET',
      url: `/api/v1/people/${personId}/export`,
      headers: auth(stranger),
    });
    expect(errorOf(across, 404).code).toBe('NOT_FOUND');
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/v1/people/not-an-id/export',
      headers: auth(),
    });
    expect(errorOf(unknown, 404).code).toBe('NOT_FOUND');
    const support = await addMember(app, db, owner, 'support');
    const denied = await app.inject({
      method: 'GET',
      url: `/api/v1/people/${personId}/export`,
      headers: auth(support),
    });
    expect(errorOf(denied, 403).code).toBe('FORBIDDEN');
  });
});
