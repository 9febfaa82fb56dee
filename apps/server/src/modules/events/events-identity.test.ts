import type { TTimelineItem } from '@kap/shared';
import { describe, expect, it } from 'vitest';
import { createTestApp, errorOf, signUp } from '../../../../../test/helpers.ts';
import {
  createPerson,
  daysAgo,
  event,
  eventId,
  postEvents,
  storedEvents,
  type TAuth,
} from './events-test-kit.ts';
import { linkWaitingEvents } from './index.ts';

const { app, db } = await createTestApp();

async function timelineOf(auth: TAuth, personId: string, query = 'kinds=event') {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/people/${personId}/timeline?${query}`,
    headers: auth,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { data: TTimelineItem[]; nextCursor: string | null };
}

async function setCreateUnknownPeople(auth: TAuth, value: boolean) {
  const response = await app.inject({
    method: 'PUT',
    url: '/api/v1/settings/events',
    headers: auth,
    payload: { createUnknownPeople: value },
  });
  expect(response.statusCode, response.body).toBe(200);
}

async function peopleWithEmail(auth: TAuth, email: string) {
  const response = await app.inject({ method: 'GET', url: `/api/v1/people?email=${email}`, headers: auth });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().data as { id: string; leadSource: string | null }[];
}

describe('event identity', () => {
  it('links an anonymous visitor’s earlier events once they identify themselves, and later ones at once', async () => {
    const owner = await signUp(app);
    const auth = { cookie: owner.cookie };
    const email = `Visitor-${eventId()}@Example.test`;
    const personId = await createPerson(app, auth, { firstName: 'Vera', emails: [{ email }] });
    const visitor = `anon-${eventId()}`;
    const browsing = [
      event({ occurredAt: daysAgo(3), person: { anonymousId: visitor }, properties: { url: '/shoes' } }),
      event({ occurredAt: daysAgo(2), type: 'product_viewed', person: { anonymousId: visitor } }),
    ];
    expect((await postEvents(app, auth, browsing)).json().accepted).toBe(2);
    const before = await storedEvents(db, owner.me.workspace.id);
    expect(before.map((e) => [e.personId, e.pendingKey])).toEqual([
      [null, `anon:${visitor}`],
      [null, `anon:${visitor}`],
    ]);
    expect((await timelineOf(auth, personId)).data).toEqual([]);

    // Signs in on the shop: the event carries both the anonymous id and the email (any case).
    const signIn = event({
      occurredAt: daysAgo(1),
      type: 'checkout_started',
      person: { anonymousId: visitor, email: email.toUpperCase() },
    });
    expect((await postEvents(app, auth, [signIn])).json().accepted).toBe(1);
    const later = event({ occurredAt: daysAgo(0.5), channel: 'mobileApp', person: { anonymousId: visitor } });
    await postEvents(app, auth, [later]);

    const after = await storedEvents(db, owner.me.workspace.id);
    expect(after.map((e) => [e.personId, e.pendingKey])).toEqual(Array(4).fill([personId, null]));
    const identity = await db
      .selectFrom('anonymousIdentities')
      .select('personId')
      .where('workspaceId', '=', owner.me.workspace.id)
      .where('anonymousId', '=', visitor)
      .executeTakeFirstOrThrow();
    expect(identity.personId).toBe(personId);

    // The person's timeline shows the events, newest first, filterable by channel, paged by cursor.
    const timeline = await timelineOf(auth, personId);
    expect(timeline.data.map((item) => item.data.eventId)).toEqual([
      later.id,
      signIn.id,
      browsing[1]?.id,
      browsing[0]?.id,
    ]);
    expect(timeline.data[0]).toMatchObject({ kind: 'event', channel: 'mobileApp', title: 'Page view' });
    expect(timeline.data[3]?.summary).toBe('url: /shoes');
    const mobile = await timelineOf(auth, personId, 'kinds=event&channel=mobileApp');
    expect(mobile.data.map((item) => item.data.eventId)).toEqual([later.id]);
    const firstPage = await timelineOf(auth, personId, 'kinds=event&limit=3');
    const rest = await timelineOf(auth, personId, `kinds=event&limit=3&cursor=${firstPage.nextCursor}`);
    expect([...firstPage.data, ...rest.data].map((item) => item.id)).toEqual(
      timeline.data.map((item) => item.id),
    );
    const all = await timelineOf(auth, personId, '');
    expect(all.data.filter((item) => item.kind === 'event')).toHaveLength(4);
  });

  it('keeps an unknown customer’s events unlinked by default, and links them once the person exists', async () => {
    const owner = await signUp(app);
    const auth = { cookie: owner.cookie };
    const email = `newcomer-${eventId()}@example.test`;
    const first = event({ type: 'store_visit', channel: 'store', person: { email } });
    expect((await postEvents(app, auth, [first])).json()).toMatchObject({ accepted: 1, rejected: [] });
    expect(await peopleWithEmail(auth, email)).toEqual([]);
    expect((await storedEvents(db, owner.me.workspace.id))[0]).toMatchObject({
      personId: null,
      pendingKey: `email:${email}`,
    });

    // The customer is added by hand; their next event links the waiting one too.
    const personId = await createPerson(app, auth, { firstName: 'New', emails: [{ email }] });
    await postEvents(app, auth, [event({ person: { email } })]);
    const stored = await storedEvents(db, owner.me.workspace.id);
    expect(stored.map((e) => e.personId)).toEqual([personId, personId]);

    // Without a later event, the hourly sweep links them.
    const external = { source: 'shop', id: `C-${eventId()}` };
    const waiting = event({ person: { externalId: external } });
    await postEvents(app, auth, [waiting]);
    const shopper = await createPerson(app, auth, { firstName: 'Shopper', externalIds: [external] });
    expect(await linkWaitingEvents(db)).toBeGreaterThanOrEqual(1);
    const swept = (await storedEvents(db, owner.me.workspace.id)).find((e) => e.eventId === waiting.id);
    expect(swept).toMatchObject({ personId: shopper, pendingKey: null });
  });

  it('creates the unknown customer when the workspace asks for it', async () => {
    const owner = await signUp(app);
    const auth = { cookie: owner.cookie };
    const defaults = await app.inject({ method: 'GET', url: '/api/v1/settings/events', headers: auth });
    expect(defaults.json()).toEqual({ createUnknownPeople: false });
    await setCreateUnknownPeople(auth, true);
    const email = `auto-${eventId()}@example.test`;
    const response = await postEvents(app, auth, [
      event({ type: 'order_placed', channel: 'store', person: { email, phone: '+374 10 123456' } }),
      event({ person: { email } }),
    ]);
    expect(response.json()).toMatchObject({ accepted: 2, rejected: [] });
    const people = await peopleWithEmail(auth, email);
    expect(people).toHaveLength(1);
    expect(people[0]?.leadSource).toBe('event:store');
    const stored = await storedEvents(db, owner.me.workspace.id);
    expect(stored.map((e) => e.personId)).toEqual([people[0]?.id, people[0]?.id]);
  });

  it('only admins change the setting', async () => {
    const owner = await signUp(app);
    const { addMember } = await import('../../../../../test/helpers.ts');
    const sales = await addMember(app, db, owner, 'sales');
    const refused = await app.inject({
      method: 'PUT',
      url: '/api/v1/settings/events',
      headers: { cookie: sales.cookie },
      payload: { createUnknownPeople: true },
    });
    expect(errorOf(refused, 403).code).toBe('FORBIDDEN');
    // Sales may read events but not send them.
    expect(errorOf(await postEvents(app, { cookie: sales.cookie }, [event()]), 403).code).toBe('FORBIDDEN');
  });

  it('moves events and anonymous ids to the survivor of a merge', async () => {
    const owner = await signUp(app);
    const auth = { cookie: owner.cookie };
    const survivor = await createPerson(app, auth, { firstName: 'Mara' });
    const merged = await createPerson(app, auth, { firstName: 'Mara', lastName: 'Dup' });
    const visitor = `anon-${eventId()}`;
    await postEvents(app, auth, [
      event({ person: { id: survivor } }),
      event({ person: { id: merged, anonymousId: visitor } }),
    ]);
    const merge = await app.inject({
      method: 'POST',
      url: '/api/v1/people/merge',
      headers: auth,
      payload: { survivorId: survivor, mergedIds: [merged] },
    });
    expect(merge.statusCode, merge.body).toBe(200);
    expect((await timelineOf(auth, survivor)).data).toHaveLength(2);
    await postEvents(app, auth, [event({ person: { anonymousId: visitor } })]);
    expect((await timelineOf(auth, survivor)).data).toHaveLength(3);
  });
});
