import type { TTimelineItem } from '@kap/shared';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';
import { registerTimelineSource } from './index.ts';

const { app, db } = await createTestApp();

let owner: TSession;
let personId: string;
let companyId: string;
/** The person's whole timeline as built below, newest first: [kind, id]. */
let expected: [string, string][];
const ids = { oldCall: '', overdue: '', email: '', later: '', meeting: '', tieTask: '', undated: '' };

const DAY = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();

async function post(path: string, payload: Record<string, unknown>, session = owner): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/${path}`,
    headers: { cookie: session.cookie },
    payload,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

async function timelineOf(path: string, query = '', session = owner) {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/${path}/timeline?${query}`,
    headers: { cookie: session.cookie },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { data: TTimelineItem[]; nextCursor: string | null };
}

const kindsAndIds = (items: TTimelineItem[]) => items.map((item) => [item.kind, item.id]);

async function changeIdsOf(recordId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('auditLog')
    .select('id')
    .where('recordId', '=', recordId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => row.id);
}

beforeAll(async () => {
  owner = await signUp(app, 'Timeline');
  personId = await post('people', { firstName: 'Nino', lastName: 'Kapanadze' });
  companyId = await post('companies', { name: 'Tbilisi Textiles' });
  const person = [personId];
  // Created out of order on purpose; their times decide the order.
  ids.oldCall = await post('activities', {
    type: 'call',
    direction: 'in',
    occurredAt: at(-2),
    personIds: person,
    subject: 'Asked about sizes',
  });
  ids.overdue = await post('tasks', { title: 'Send catalogue', dueAt: at(-3), personIds: person });
  ids.email = await post('activities', {
    type: 'email',
    direction: 'out',
    occurredAt: at(-1),
    personIds: person,
    companyIds: [companyId],
    body: '<p>Hello <b>Nino</b>,</p><p>here is the offer.</p>',
  });
  ids.later = await post('tasks', {
    title: 'Check in',
    dueAt: at(2),
    personIds: person,
    companyIds: [companyId],
  });
  // An activity and a task at the same instant: the larger id (created later) comes first.
  const tie = at(1);
  ids.meeting = await post('activities', { type: 'meeting', occurredAt: tie, personIds: person });
  ids.tieTask = await post('tasks', { title: 'Prepare the meeting', dueAt: tie, personIds: person });
  const patched = await app.inject({
    method: 'PATCH',
    url: `/api/v1/people/${personId}`,
    headers: { cookie: owner.cookie },
    payload: { firstName: 'Nina' },
  });
  expect(patched.statusCode, patched.body).toBe(200);
  // No due date: on the timeline at its creation, after the change above.
  ids.undated = await post('tasks', { title: 'Ask for a referral', personIds: person });
  // Someone else's business: not on this person's timeline.
  await post('activities', { type: 'note', companyIds: [companyId], subject: 'Company only' });
  await post('tasks', { title: 'Unlinked' });

  const [update, create] = await changeIdsOf(personId);
  expected = [
    ['task', ids.later],
    ['task', ids.tieTask],
    ['activity', ids.meeting],
    ['task', ids.undated],
    ['change', update],
    ['change', create],
    ['activity', ids.email],
    ['activity', ids.oldCall],
    ['task', ids.overdue],
  ].map(([kind, id]) => [String(kind), String(id)]);
});

describe('timeline', () => {
  it('merges activities, tasks and field changes newest first', async () => {
    const { data, nextCursor } = await timelineOf(`people/${personId}`);
    expect(kindsAndIds(data)).toEqual(expected);
    expect(nextCursor).toBeNull();
    const byId = new Map(data.map((item) => [item.id, item]));
    expect(byId.get(ids.email)).toMatchObject({
      kind: 'activity',
      title: 'Email',
      summary: 'Hello Nino, here is the offer.',
      channel: 'email',
      actor: { type: 'user', id: owner.me.user?.id, name: 'Owner Person' },
      data: { type: 'email', direction: 'out' },
    });
    expect(byId.get(ids.oldCall)).toMatchObject({ title: 'Asked about sizes', channel: 'phone' });
    expect(byId.get(ids.later)).toMatchObject({
      kind: 'task',
      title: 'Check in',
      channel: null,
      data: { status: 'open' },
    });
    const update = data.find((item) => item.kind === 'change');
    expect(update).toMatchObject({
      title: 'Updated',
      summary: expect.stringContaining('firstName'),
      actor: { type: 'user', name: 'Owner Person' },
      data: { action: 'person.update' },
    });
    expect((update?.data.changes as unknown[]) ?? []).toContainEqual({
      field: 'firstName',
      before: 'Nino',
      after: 'Nina',
    });
    // Microsecond times, so that sources merge exactly.
    for (const item of data) expect(item.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
  });

  it('pages across sources with no gaps or repeats (limit 1, 2 and 4)', async () => {
    for (const limit of [1, 2, 4]) {
      const seen: [string, string][] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await timelineOf(
          `people/${personId}`,
          `limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.data.length).toBeLessThanOrEqual(limit);
        seen.push(...(kindsAndIds(page.data) as [string, string][]));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor);
      expect(seen, `limit ${limit}`).toEqual(expected);
      expect(pages).toBe(Math.ceil(expected.length / limit));
    }
  });

  it('filters by kind and channel, also while paging', async () => {
    const only = (kinds: string[]) => expected.filter(([kind]) => kinds.includes(kind));
    expect(kindsAndIds((await timelineOf(`people/${personId}`, 'kinds=activity')).data)).toEqual(
      only(['activity']),
    );
    expect(kindsAndIds((await timelineOf(`people/${personId}`, 'kinds=task,change')).data)).toEqual(
      only(['task', 'change']),
    );
    const first = await timelineOf(`people/${personId}`, 'kinds=task&limit=2');
    const second = await timelineOf(`people/${personId}`, `kinds=task&limit=2&cursor=${first.nextCursor}`);
    expect(kindsAndIds([...first.data, ...second.data])).toEqual(only(['task']).slice(0, 4));
    expect(kindsAndIds((await timelineOf(`people/${personId}`, 'channel=email')).data)).toEqual([
      ['activity', ids.email],
    ]);
    expect(kindsAndIds((await timelineOf(`people/${personId}`, 'channel=phone,email')).data)).toEqual([
      ['activity', ids.email],
      ['activity', ids.oldCall],
    ]);
    expect((await timelineOf(`people/${personId}`, 'channel=store')).data).toEqual([]);

    const unknownKind = await app.inject({
      method: 'GET',
      url: `/api/v1/people/${personId}/timeline?kinds=activity,gossip`,
      headers: { cookie: owner.cookie },
    });
    expect(errorOf(unknownKind, 400).details?.[0]?.path).toBe('query.kinds.1');
    const badChannel = await app.inject({
      method: 'GET',
      url: `/api/v1/people/${personId}/timeline?channel=fax`,
      headers: { cookie: owner.cookie },
    });
    expect(errorOf(badChannel, 400).details?.[0]?.path).toBe('query.channel.0');
    const forged = await app.inject({
      method: 'GET',
      url: `/api/v1/people/${personId}/timeline?cursor=${Buffer.from('["2025-02-30T00:00:00.000000Z","x"]').toString('base64url')}`,
      headers: { cookie: owner.cookie },
    });
    expect(errorOf(forged, 400).details?.[0]?.path).toBe('cursor');
  });

  it("a company's timeline has its own activities, tasks and changes", async () => {
    const { data } = await timelineOf(`companies/${companyId}`);
    const kinds = data.map((item) => item.kind);
    expect(kinds.filter((kind) => kind === 'activity')).toHaveLength(2);
    expect(data.filter((item) => item.kind === 'task').map((item) => item.id)).toEqual([ids.later]);
    expect(data.filter((item) => item.kind === 'change').map((item) => item.data.action)).toEqual([
      'company.create',
    ]);
    // The e-mail to the person and the company, a day old, is the oldest item.
    expect(data.at(-1)?.id).toBe(ids.email);
  });

  it('the overview answers with the record and its first timeline page in one request', async () => {
    const get = (url: string, session = owner) =>
      app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
    const person = await get(`/api/v1/people/${personId}/overview?limit=3`);
    expect(person.statusCode, person.body).toBe(200);
    const body = person.json() as {
      record: { id: string; lastName: string };
      timeline: { data: TTimelineItem[] };
    };
    expect(body.record).toMatchObject({ id: personId, lastName: 'Kapanadze' });
    expect(kindsAndIds(body.timeline.data)).toEqual(expected.slice(0, 3));
    const company = (await get(`/api/v1/companies/${companyId}/overview?kinds=change`)).json();
    expect(company.record.name).toBe('Tbilisi Textiles');
    expect(company.timeline.data.map((item: TTimelineItem) => item.data.action)).toEqual(['company.create']);
    // Someone else's record, an unknown id and a record the role may not see are all 404.
    const stranger = await signUp(app, 'Overview stranger');
    expect(errorOf(await get(`/api/v1/people/${personId}/overview`, stranger), 404).code).toBe('NOT_FOUND');
    expect(errorOf(await get('/api/v1/people/0190a0b0-0000-7000-8000-00000000000f/overview'), 404).code).toBe(
      'NOT_FOUND',
    );
    const sales = await addMember(app, db, owner, 'sales');
    expect(errorOf(await get(`/api/v1/people/${personId}/overview`, sales), 404).code).toBe('NOT_FOUND');
    expect(
      errorOf(await get(`/api/v1/people/${personId}/overview?kinds=bogus`), 400).details?.[0]?.path,
    ).toBe('query.kinds.0');
  });

  it('the overview of a merged id answers with the survivor and its timeline', async () => {
    const survivor = await post('people', { firstName: 'Keep', emails: [{ email: 'keep@overview.test' }] });
    const merged = await post('people', { firstName: 'Gone' });
    const merge = await app.inject({
      method: 'POST',
      url: '/api/v1/people/merge',
      headers: { cookie: owner.cookie },
      payload: { survivorId: survivor, mergedIds: [merged] },
    });
    expect(merge.statusCode, merge.body).toBe(200);
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/people/${merged}/overview`,
      headers: { cookie: owner.cookie },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['kap-merged-into']).toBe(survivor);
    expect(response.json().record.id).toBe(survivor);
    expect(response.json().timeline.data.map((item: TTimelineItem) => item.data.action)).toContain(
      'person.merge',
    );
  });

  it('is 404 for records of another workspace, unknown ids and records the role may not see', async () => {
    const stranger = await signUp(app, 'Not yours');
    for (const path of [`people/${personId}`, `companies/${companyId}`]) {
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/${path}/timeline`,
        headers: { cookie: stranger.cookie },
      });
      expect(errorOf(response, 404).code).toBe('NOT_FOUND');
    }
    for (const path of [
      'people/not-a-uuid',
      `companies/${personId}`,
      'people/0190a0b0-0000-7000-8000-000000000009',
    ]) {
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/${path}/timeline`,
        headers: { cookie: owner.cookie },
      });
      expect(errorOf(response, 404).code, path).toBe('NOT_FOUND');
    }
    // "own"-scope sales see timelines of their own people only.
    const sales = await addMember(app, db, owner, 'sales');
    const hidden = await app.inject({
      method: 'GET',
      url: `/api/v1/people/${personId}/timeline`,
      headers: { cookie: sales.cookie },
    });
    expect(errorOf(hidden, 404).code).toBe('NOT_FOUND');
    const theirs = await post('people', { firstName: 'Own' }, sales);
    expect((await timelineOf(`people/${theirs}`, '', sales)).data.map((item) => item.kind)).toEqual([
      'change',
    ]);
    // Viewers read timelines.
    const viewer = await addMember(app, db, owner, 'viewer');
    expect(kindsAndIds((await timelineOf(`people/${personId}`, '', viewer)).data)).toEqual(expected);
  });

  it('takes items from a source registered by another module, without changes here', async () => {
    const orderId = '0190a0b0-0000-7000-8000-00000000000a';
    const occurredAt = new Date(Date.now() - 1.5 * DAY).toISOString().replace('Z', '000Z');
    registerTimelineSource<{ id: string; at: string; total: string }>({
      kind: 'order',
      selectForRecord: (_trx, _actor, record, page, filters) => {
        const isBefore =
          !page.before ||
          occurredAt < page.before.at ||
          (occurredAt === page.before.at && orderId < page.before.id);
        const isWanted = !filters.channels || filters.channels.includes('web');
        return record.id === personId && isBefore && isWanted
          ? sql`select ${orderId}::uuid as id, ${occurredAt}::text as at, '59.90'::numeric::text as total`
          : null;
      },
      toItem: (row) => ({
        kind: 'order',
        id: row.id,
        occurredAt: row.at,
        title: 'Order #1001',
        summary: '2 items',
        channel: 'web',
        data: { total: row.total },
      }),
    });
    const withOrder = [...expected];
    withOrder.splice(expected.findIndex(([, id]) => id === ids.email) + 1, 0, ['order', orderId]);
    const seen: string[][] = [];
    let cursor: string | null = null;
    do {
      const page = await timelineOf(`people/${personId}`, `limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...kindsAndIds(page.data));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(withOrder);
    expect(kindsAndIds((await timelineOf(`people/${personId}`, 'channel=web')).data)).toEqual([
      ['order', orderId],
    ]);
    expect(kindsAndIds((await timelineOf(`people/${personId}`, 'kinds=order')).data)).toEqual([
      ['order', orderId],
    ]);
  });
});
