import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestApp, errorOf, signUp } from '../../../../../test/helpers.ts';
import { createPerson, daysAgo, event, eventId, postEvents, storedEvents } from './events-test-kit.ts';
import { createUpcomingPartitions } from './index.ts';

const { app, db } = await createTestApp();

describe('POST /api/v1/events', () => {
  it('stores the valid events, reports each invalid one by index, and stores a retry once', async () => {
    const owner = await signUp(app);
    const auth = { cookie: owner.cookie };
    const first = event({ type: 'product_viewed', properties: { sku: 'A-1' } });
    const second = event({ channel: 'mobile_app', type: 'app_opened' });
    const batch = [
      first,
      { ...first, type: 'again' }, // same id in the same request: one event
      { ...event(), type: '' },
      { ...event(), channel: 'fax', occurredAt: 'yesterday' },
      second,
      { ...event(), person: {} },
      { ...event(), properties: { blob: 'x'.repeat(17_000) } },
      'not an event',
    ];
    const response = await postEvents(app, auth, batch);
    expect(response.statusCode, response.body).toBe(207);
    const body = response.json();
    expect(body.accepted).toBe(2);
    expect(body.duplicates).toBe(1);
    expect(body.rejected.map((r: { index: number; path: string }) => [r.index, r.path])).toEqual([
      [2, 'type'],
      [3, 'channel'],
      [3, 'occurredAt'],
      [5, 'person'],
      [6, 'properties'],
      [7, ''],
    ]);
    expect(body.rejected[0].message).toMatch(/\w/);

    const stored = await storedEvents(db, owner.me.workspace.id);
    expect(stored.map((e) => e.eventId).sort()).toEqual([first.id, second.id].sort());
    expect(stored.find((e) => e.eventId === first.id)?.type).toBe('product_viewed');

    // The client retries the whole batch, then only the valid part: nothing is stored twice.
    const retry = await postEvents(app, auth, batch);
    expect(retry.statusCode).toBe(207);
    expect(retry.json()).toMatchObject({ accepted: 0, duplicates: 3 });
    const valid = await postEvents(app, auth, [first, second]);
    expect(valid.statusCode).toBe(200);
    expect(valid.json()).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    expect(await storedEvents(db, owner.me.workspace.id)).toHaveLength(2);

    const channel = await db
      .selectFrom('events')
      .select('channel')
      .where('workspaceId', '=', owner.me.workspace.id)
      .where('eventId', '=', second.id)
      .executeTakeFirstOrThrow();
    expect(channel.channel).toBe('mobileApp');
  });

  it('refuses a malformed body whole: over 1,000 events, none, or not a list (400)', async () => {
    const owner = await signUp(app);
    const auth = { cookie: owner.cookie };
    const tooMany = Array.from({ length: 1001 }, () => event({ properties: {} }));
    const refused = await postEvents(app, auth, tooMany);
    expect(errorOf(refused, 400).details?.[0]?.path).toBe('events');
    expect(errorOf(await postEvents(app, auth, []), 400).details?.[0]?.path).toBe('events');
    const notList = await app.inject({
      method: 'POST',
      url: '/api/v1/events',
      headers: auth,
      payload: { events: { id: 'x' } },
    });
    expect(errorOf(notList, 400).code).toBe('VALIDATION_FAILED');
    expect(await storedEvents(db, owner.me.workspace.id)).toHaveLength(0);

    // A batch over 10 MB is refused before it is parsed (413), though each event is under 16 KB.
    const huge = Array.from({ length: 800 }, () => event({ properties: { text: 'x'.repeat(14_000) } }));
    expect(errorOf(await postEvents(app, auth, huge), 413).code).toBe('PAYLOAD_TOO_LARGE');

    const exactly = await postEvents(app, auth, tooMany.slice(0, 1000));
    expect(exactly.statusCode).toBe(200);
    expect(exactly.json().accepted).toBe(1000);
  });

  it('puts an event of a far month in that month’s partition, and older history in the default one', async () => {
    const owner = await signUp(app);
    const farMonth = new Date();
    farMonth.setUTCMonth(farMonth.getUTCMonth() - 40, 15);
    const far = event({ occurredAt: farMonth.toISOString() });
    const ancient = event({ occurredAt: '1991-06-01T10:00:00Z' });
    const response = await postEvents(app, { cookie: owner.cookie }, [far, ancient]);
    expect(response.json()).toMatchObject({ accepted: 2, rejected: [] });
    const stored = await storedEvents(db, owner.me.workspace.id);
    const month = farMonth.toISOString().slice(0, 7).replace('-', '_');
    expect(stored.find((e) => e.eventId === far.id)?.partition).toBe(`events_p${month}`);
    expect(stored.find((e) => e.eventId === ancient.id)?.partition).toBe('events_default');

    // The maintenance job keeps this month and the next two ready before any event needs them.
    // (Run as if next month: the month after the migration's three appears.)
    const now = new Date();
    const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 10));
    await createUpcomingPartitions(db, nextMonth);
    const third = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 3, 1));
    const name = `events_p${third.toISOString().slice(0, 7).replace('-', '_')}`;
    const made = await sql<{ name: string | null }>`select to_regclass(${name})::text as name`.execute(db);
    expect(made.rows[0]?.name).toBe(name);

    // A time out of range is refused, not stored somewhere surprising.
    const future = await postEvents(app, { cookie: owner.cookie }, [
      event({ occurredAt: new Date(Date.now() + 3 * 86_400_000).toISOString() }),
      event({ occurredAt: '1969-12-31T23:00:00Z' }),
    ]);
    expect(future.json().rejected.map((r: { path: string }) => r.path)).toEqual(['occurredAt', 'occurredAt']);
  });

  it('counts people who did a type at least N times in the last D days', async () => {
    const owner = await signUp(app);
    const auth = { cookie: owner.cookie };
    const [ana, ben, cleo] = [
      await createPerson(app, auth, { firstName: 'Ana', emails: [{ email: `ana-${eventId()}@x.test` }] }),
      await createPerson(app, auth, { firstName: 'Ben' }),
      await createPerson(app, auth, { firstName: 'Cleo' }),
    ];
    const views = (id: string, days: number[], type = 'product_viewed') =>
      days.map((d) => event({ type, occurredAt: daysAgo(d), person: { id } }));
    // Ana: 3 views this week. Ben: 2 this week, 2 more three weeks ago. Cleo: 3 of another type.
    await postEvents(app, auth, [
      ...views(ana, [1, 2, 6]),
      ...views(ben, [3, 5, 20, 22]),
      ...views(cleo, [1, 2, 3], 'cart_updated'),
    ]);
    const count = async (type: string, minCount: number, days: number) => {
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/events/frequency?type=${type}&minCount=${minCount}&days=${days}`,
        headers: auth,
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json().count as number;
    };
    expect(await count('product_viewed', 2, 7)).toBe(2); // Ana 3, Ben 2
    expect(await count('product_viewed', 3, 7)).toBe(1); // Ana
    expect(await count('product_viewed', 4, 30)).toBe(1); // Ben 4
    expect(await count('product_viewed', 1, 2)).toBe(1); // Ana (the view of 1 day ago; 2 days ago is just outside)
    expect(await count('cart_updated', 3, 7)).toBe(1); // Cleo
    expect(await count('page_view', 1, 365)).toBe(0);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/v1/events/frequency?type=x&minCount=0&days=7',
      headers: auth,
    });
    expect(errorOf(bad, 400).details?.[0]?.path).toBe('query.minCount');
  });

  it('keeps workspaces apart', async () => {
    const alice = await signUp(app, 'Alice shop');
    const bob = await signUp(app, 'Bob shop');
    const alicePerson = await createPerson(app, { cookie: alice.cookie }, { firstName: 'Only Alice’s' });
    const shared = event({ person: { id: alicePerson } });
    expect((await postEvents(app, { cookie: alice.cookie }, [shared])).json().accepted).toBe(1);
    // Bob cannot attach events to Alice's person, but may use the same event id for his own.
    const fromBob = await postEvents(app, { cookie: bob.cookie }, [
      shared,
      { ...shared, person: { anonymousId: 'v' } },
    ]);
    expect(fromBob.statusCode).toBe(207);
    expect(fromBob.json()).toMatchObject({ accepted: 1, rejected: [{ index: 0, path: 'person.id' }] });
    const bobTimeline = await app.inject({
      method: 'GET',
      url: `/api/v1/people/${alicePerson}/timeline?kinds=event`,
      headers: { cookie: bob.cookie },
    });
    expect(errorOf(bobTimeline, 404).code).toBe('NOT_FOUND');
    const bobCount = await app.inject({
      method: 'GET',
      url: '/api/v1/events/frequency?type=page_view&minCount=1&days=30',
      headers: { cookie: bob.cookie },
    });
    expect(bobCount.json().count).toBe(0);
    expect(await storedEvents(db, alice.me.workspace.id)).toHaveLength(1);
    expect(await storedEvents(db, bob.me.workspace.id)).toHaveLength(1);
  });
});
