import { createHash } from 'node:crypto';
import type { TTimelineItem } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';

// The timeline is ONE statement: every source's select joined by UNION ALL and ordered by
// (time, id) in PostgreSQL. These tests put items of every kind on one person, several at the
// very same instant, and check the order, the filters, the pages and the record scope.

const { app, db } = await createTestApp();

let owner: TSession;
let sales: TSession;
let personId: string;
let salesPersonId: string;
let dealId: string;
/** The instant several items share, as the timeline writes it. */
const TIE = '2025-06-01T12:00:00.000Z';
const TIE_AT = '2025-06-01T12:00:00.000000Z';
const ids = { call: '', webNote: '', onlineOrder: '', storeOrder: '', webEvent: '', appEvent: '', task: '' };

async function call(session: TSession, method: 'GET' | 'POST', url: string, payload?: object) {
  return app.inject({ method, url, headers: { cookie: session.cookie }, ...(payload && { payload }) });
}

async function post(session: TSession, path: string, payload: object): Promise<string> {
  const response = await call(session, 'POST', `/api/v1/${path}`, payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

async function timelineOf(id: string, query = '', session = owner) {
  const response = await call(session, 'GET', `/api/v1/people/${id}/timeline?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { data: TTimelineItem[]; nextCursor: string | null };
}

/** Every page of `limit` items, following the cursors. */
async function walk(id: string, limit: number, query = '') {
  const items: TTimelineItem[] = [];
  let cursor: string | null = null;
  do {
    const page = await timelineOf(id, `limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.data.length).toBeLessThanOrEqual(limit);
    items.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

const keysOf = (items: TTimelineItem[]) => items.map((item) => `${item.kind}:${item.id}`);

/** The timeline id of an event: md5 of the sender's id as a UUID (events.repository). */
const eventTimelineId = (eventId: string) =>
  createHash('md5')
    .update(eventId)
    .digest('hex')
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

async function postEvent(body: object): Promise<string> {
  const response = await call(owner, 'POST', '/api/v1/events', { events: [body] });
  expect(response.json().accepted, response.body).toBe(1);
  return eventTimelineId((body as { id: string }).id);
}

const order = (channel: string, occurredAt: string) => ({
  channel,
  occurredAt,
  currency: 'EUR',
  personId,
  lines: [{ description: 'Item', quantity: '1', unitPrice: '12.50' }],
});

beforeAll(async () => {
  owner = await signUp(app, 'Union timeline');
  sales = await addMember(app, db, owner, 'sales');
  personId = await post(owner, 'people', { firstName: 'Lina', lastName: 'Petrauskaitė' });
  // Four kinds at the very same instant: only their ids order them.
  ids.call = await post(owner, 'activities', {
    type: 'call',
    channel: 'phone',
    direction: 'in',
    occurredAt: TIE,
    personIds: [personId],
  });
  ids.onlineOrder = await post(owner, 'orders', order('online', TIE));
  ids.task = await post(owner, 'tasks', { title: 'Call back', dueAt: TIE, personIds: [personId] });
  const stamp = `${Date.now()}-${process.pid}`;
  ids.webEvent = await postEvent({
    id: `union-web-${stamp}`,
    type: 'page_view',
    channel: 'web',
    occurredAt: TIE,
    properties: { page_url: '/shoes' },
    person: { id: personId },
  });
  // And some at other times.
  ids.webNote = await post(owner, 'activities', {
    type: 'note',
    channel: 'web',
    occurredAt: '2025-05-31T08:00:00.000Z',
    personIds: [personId],
  });
  ids.storeOrder = await post(owner, 'orders', order('store', '2025-05-30T10:00:00.000Z'));
  ids.appEvent = await postEvent({
    id: `union-app-${stamp}`,
    type: 'app_opened',
    channel: 'mobileApp',
    occurredAt: '2025-06-02T09:00:00.000Z',
    properties: {},
    person: { id: personId },
  });
  dealId = await post(owner, 'deals', { name: 'Summer order', currency: 'EUR', personIds: [personId] });
  salesPersonId = await post(sales, 'people', { firstName: 'Own', lastName: 'Customer' });
});

describe('the timeline as one statement', () => {
  it('merges every kind newest first; items at the same instant by id, larger first', async () => {
    const { data, nextCursor } = await timelineOf(personId, 'limit=200');
    expect(nextCursor).toBeNull();
    expect(new Set(data.map((item) => item.kind))).toEqual(
      new Set(['activity', 'order', 'task', 'event', 'deal', 'change']),
    );
    for (const [index, item] of data.entries()) {
      const next = data[index + 1];
      if (!next) break;
      const isOrdered =
        item.occurredAt > next.occurredAt || (item.occurredAt === next.occurredAt && item.id > next.id);
      expect(isOrdered, `${item.kind} ${item.occurredAt} before ${next.kind} ${next.occurredAt}`).toBe(true);
    }
    const tied = data.filter((item) => item.occurredAt === TIE_AT);
    expect(tied.map((item) => item.id)).toEqual(
      [ids.call, ids.onlineOrder, ids.task, ids.webEvent].sort().reverse(),
    );
    const byId = new Map(data.map((item) => [item.id, item]));
    expect(byId.get(ids.onlineOrder)).toMatchObject({
      kind: 'order',
      channel: 'web',
      data: { total: '12.50' },
    });
    expect(byId.get(ids.task)).toMatchObject({ kind: 'task', data: { dueAt: TIE, status: 'open' } });
    // Event properties keep their keys as sent.
    expect(byId.get(ids.webEvent)).toMatchObject({
      kind: 'event',
      data: { properties: { page_url: '/shoes' } },
    });
    expect(byId.get(dealId)).toMatchObject({ kind: 'deal', data: { amount: expect.any(String) } });
  });

  it('pages by (time, id) without gaps or repeats, also inside a group of equal times', async () => {
    const all = keysOf((await timelineOf(personId, 'limit=200')).data);
    for (const limit of [1, 2, 3]) expect(keysOf(await walk(personId, limit))).toEqual(all);
  });

  it('filters by kind and channel in the same statement, and pages the filtered stream', async () => {
    const all = (await timelineOf(personId, 'limit=200')).data;
    const ordersAndEvents = all.filter((item) => item.kind === 'order' || item.kind === 'event');
    expect(keysOf((await timelineOf(personId, 'kinds=order,event')).data)).toEqual(keysOf(ordersAndEvents));
    expect(keysOf(await walk(personId, 1, '&kinds=order,event'))).toEqual(keysOf(ordersAndEvents));

    // Items without a channel (tasks, deals, changes) drop out; orders map "online" to "web".
    const web = all.filter((item) => item.channel === 'web');
    expect(web.map((item) => item.id).sort()).toEqual([ids.webNote, ids.onlineOrder, ids.webEvent].sort());
    expect(keysOf((await timelineOf(personId, 'channel=web')).data)).toEqual(keysOf(web));
    expect(keysOf(await walk(personId, 1, '&channel=web'))).toEqual(keysOf(web));
    expect((await timelineOf(personId, 'channel=phone,mobileApp')).data.map((item) => item.id)).toEqual([
      ids.appEvent,
      ids.call,
    ]);
    expect((await timelineOf(personId, 'kinds=task&channel=web')).data).toEqual([]);

    const unknown = await call(owner, 'GET', `/api/v1/people/${personId}/timeline?kinds=order,bogus`);
    expect(errorOf(unknown, 400).details?.[0]?.path).toBe('query.kinds.1');
  });

  it('keeps the record scope: hidden records are 404, hidden items stay off', async () => {
    // A "team"-scope member without a team sees their own people only...
    errorOf(await call(sales, 'GET', `/api/v1/people/${personId}/timeline`), 404);
    errorOf(await call(sales, 'GET', `/api/v1/people/${personId}/overview`), 404);
    // ...and on their own person's timeline, not the deal someone else owns.
    const ownersDeal = await post(owner, 'deals', {
      name: 'Owner deal',
      currency: 'EUR',
      personIds: [salesPersonId],
    });
    const salesDeal = await post(sales, 'deals', {
      name: 'Sales deal',
      currency: 'EUR',
      personIds: [salesPersonId],
    });
    const asSales = (await timelineOf(salesPersonId, 'kinds=deal', sales)).data.map((item) => item.id);
    expect(asSales).toEqual([salesDeal]);
    const asOwner = (await timelineOf(salesPersonId, 'kinds=deal')).data.map((item) => item.id);
    expect(asOwner).toEqual([salesDeal, ownersDeal]);
  });

  it('the overview answers with the record and the same first page', async () => {
    const response = await call(owner, 'GET', `/api/v1/people/${personId}/overview?limit=4&channel=web`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { record: { id: string }; timeline: { data: TTimelineItem[] } };
    expect(body.record.id).toBe(personId);
    expect(body.timeline).toEqual(await timelineOf(personId, 'limit=4&channel=web'));
  });
});
