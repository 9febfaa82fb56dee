import type { TActivity } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';

const { app, db } = await createTestApp();

let owner: TSession;
let stranger: TSession;
let personId: string;
let companyId: string;
beforeAll(async () => {
  owner = await signUp(app, 'Activities');
  stranger = await signUp(app, 'Other workspace');
  personId = await createRecord(owner, 'people', { firstName: 'Anahit', lastName: 'Petrosyan' });
  companyId = await createRecord(owner, 'companies', { name: 'Ararat Trading' });
});

async function createRecord(
  session: TSession,
  path: string,
  payload: Record<string, unknown>,
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/${path}`,
    headers: { cookie: session.cookie },
    payload,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

const post = (session: TSession, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/v1/activities', headers: { cookie: session.cookie }, payload });

async function createActivity(payload: Record<string, unknown>, session = owner): Promise<TActivity> {
  const response = await post(session, payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const list = async (query: string, session = owner) => {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/activities?${query}`,
    headers: { cookie: session.cookie },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { data: TActivity[]; nextCursor: string | null };
};

describe('activities', () => {
  it('creates, reads, updates with If-Match and deletes an activity; the body is sanitised', async () => {
    const created = await post(owner, {
      type: 'call',
      direction: 'out',
      occurredAt: '2025-03-01T09:30:00+04:00',
      durationSeconds: 300,
      outcome: 'Interested',
      subject: 'Follow-up call',
      body:
        '<p onclick="steal()">Talked about <strong>pricing</strong> &amp; <em>delivery</em>.</p>' +
        '<script>alert(1)</script><a href="javascript:alert(1)">bad link</a>' +
        '<a href="https://example.com/offer" target="_top" onmouseover="x()">offer</a>' +
        '<ul><li>one</li></ul><img src="x" onerror="alert(1)"><div style="color:red">kept text</div>',
      personIds: [personId],
      companyIds: [companyId],
      participantIds: [owner.me.user?.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const activity = created.json() as TActivity;
    expect(activity.body).toBe(
      '<p>Talked about <strong>pricing</strong> &amp; <em>delivery</em>.</p>' +
        '<a rel="noopener noreferrer nofollow" target="_blank">bad link</a>' +
        '<a href="https://example.com/offer" target="_blank" rel="noopener noreferrer nofollow">offer</a>' +
        '<ul><li>one</li></ul>kept text',
    );
    expect(activity).toMatchObject({
      type: 'call',
      channel: 'phone', // from the type
      direction: 'out',
      occurredAt: '2025-03-01T05:30:00.000Z',
      durationSeconds: 300,
      personIds: [personId],
      companyIds: [companyId],
      participantIds: [owner.me.user?.id],
      ownerId: owner.me.user?.id,
      version: 1,
    });
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers.location).toBe(`/api/v1/activities/${activity.id}`);

    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/activities/${activity.id}`,
      headers: { cookie: owner.cookie },
    });
    expect(read.json()).toEqual(activity);

    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/v1/activities/${activity.id}`,
      headers: { cookie: owner.cookie, 'if-match': '"7"' },
      payload: { outcome: 'Lost update' },
    });
    expect(errorOf(stale, 412).code).toBe('PRECONDITION_FAILED');
    const updated = await app.inject({
      method: 'PATCH',
      url: `/api/v1/activities/${activity.id}`,
      headers: { cookie: owner.cookie, 'if-match': '"1"' },
      payload: {
        body: '<p>Short <b>note</b><iframe src="https://evil.example"></iframe></p>',
        companyIds: [],
      },
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({
      body: '<p>Short <b>note</b></p>',
      companyIds: [],
      personIds: [personId],
      version: 2,
    });

    const audit = await db
      .selectFrom('auditLog')
      .select(['action', 'after'])
      .where('recordId', '=', activity.id)
      .orderBy('id')
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual(['activity.create', 'activity.update']);
    expect(Object.keys(audit[1]?.after ?? {}).sort()).toEqual(['body', 'companyIds']);

    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/activities/${activity.id}`,
      headers: { cookie: owner.cookie },
    });
    expect(removed.statusCode).toBe(204);
    const gone = await app.inject({
      method: 'GET',
      url: `/api/v1/activities/${activity.id}`,
      headers: { cookie: owner.cookie },
    });
    expect(errorOf(gone, 404).code).toBe('NOT_FOUND');
  });

  it('keeps nothing of markup that later sanitize-html releases fixed advisories for', async () => {
    const payloads = [
      '<textarea></textarea/><img src=x onerror=alert(1)><p>after</p>',
      '<xmp></xmp/><img src=x onerror=alert(1)><p>after</p>',
      '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>click</text></a></svg><p>after</p>',
    ];
    for (const body of payloads) {
      const activity = await createActivity({ type: 'note', body });
      // Dropping more than a browser would, or keeping it as escaped text, is fine: no element
      // but <p> may survive.
      expect(activity.body ?? '', body).not.toMatch(/<(?!\/?p>)/);
    }
    const svg = await createActivity({ type: 'note', body: payloads[2] });
    expect(svg.body).toBe('<p>after</p>');
    expect(svg.direction).toBeNull();
    expect(svg.channel).toBe('other');
  });

  it('refuses wrong input, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'fax' }, 'type'],
      [{ type: 'note', channel: 'pigeon' }, 'channel'],
      [{ type: 'call' }, 'direction'],
      [{ type: 'email', direction: 'sideways' }, 'direction'],
      [{ type: 'note', occurredAt: 'yesterday' }, 'occurredAt'],
      [{ type: 'note', durationSeconds: -1 }, 'durationSeconds'],
      [{ type: 'note', personIds: ['not-a-uuid'] }, 'personIds.0'],
      [{ type: 'note', personIds: [personId, '0190a0b0-0000-7000-8000-000000000001'] }, 'personIds.1'],
      [{ type: 'note', companyIds: ['0190a0b0-0000-7000-8000-000000000002'] }, 'companyIds.0'],
      [{ type: 'note', participantIds: [stranger.me.user?.id] }, 'participantIds.0'],
    ];
    for (const [payload, path] of cases) {
      const response = await post(owner, payload);
      expect(
        errorOf(response, 400).details?.map((d) => d.path),
        JSON.stringify(payload),
      ).toContain(path);
    }
  });

  it('another workspace cannot link to, read, change or delete our records', async () => {
    const linkToForeign = await post(stranger, { type: 'note', personIds: [personId] });
    expect(errorOf(linkToForeign, 400).details?.[0]?.path).toBe('personIds.0');
    const ours = await createActivity({ type: 'note', subject: 'Private', personIds: [personId] });
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const response = await app.inject({
        method,
        url: `/api/v1/activities/${ours.id}`,
        headers: { cookie: stranger.cookie },
        ...(method === 'PATCH' && { payload: { subject: 'Hijacked' } }),
      });
      expect(errorOf(response, 404).code).toBe('NOT_FOUND');
    }
    expect((await list('limit=500', stranger)).data).toEqual([]);
    const filtered = await list(`personId=${personId}`, stranger);
    expect(filtered.data).toEqual([]);
  });

  it('lists with filters and keyset pages', async () => {
    const person = await createRecord(owner, 'people', { firstName: 'Filter', lastName: 'Target' });
    const company = await createRecord(owner, 'companies', { name: 'Filter Co' });
    const made = [
      await createActivity({
        type: 'email',
        direction: 'in',
        occurredAt: '2024-05-01T10:00:00Z',
        personIds: [person],
      }),
      await createActivity({
        type: 'sms',
        direction: 'out',
        occurredAt: '2024-05-02T10:00:00Z',
        personIds: [person],
        companyIds: [company],
      }),
      await createActivity({ type: 'storeVisit', occurredAt: '2024-05-03T10:00:00Z', personIds: [person] }),
      await createActivity({
        type: 'note',
        occurredAt: '2024-05-03T10:00:00Z',
        personIds: [person],
        companyIds: [company],
      }),
      await createActivity({
        type: 'email',
        direction: 'out',
        channel: 'web',
        occurredAt: '2024-05-04T10:00:00Z',
        companyIds: [company],
      }),
    ];
    const ids = (page: { data: TActivity[] }) => page.data.map((a) => a.id);
    const [email, sms, visit, note, webEmail] = made.map((a) => a.id);
    // Same time: the larger (later) id first, newest first.
    expect(ids(await list(`personId=${person}`))).toEqual([note, visit, sms, email]);
    expect(ids(await list(`personId=${person}&sort=occurredAt`))).toEqual([email, sms, visit, note]);
    expect(ids(await list(`companyId=${company}`))).toEqual([webEmail, note, sms]);
    expect(ids(await list(`personId=${person}&companyId=${company}`))).toEqual([note, sms]);
    expect(ids(await list(`personId=${person}&type=email,sms`))).toEqual([sms, email]);
    expect(ids(await list(`companyId=${company}&channel=web`))).toEqual([webEmail]);
    expect(ids(await list(`personId=${person}&channel=store`))).toEqual([visit]);
    expect(
      ids(await list(`personId=${person}&occurredFrom=2024-05-02T10:00:00Z&occurredTo=2024-05-03T10:00:00Z`)),
    ).toEqual([sms]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`personId=${person}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([note, visit, sms, email]);

    const badType = await app.inject({
      method: 'GET',
      url: '/api/v1/activities?type=note,fax',
      headers: { cookie: owner.cookie },
    });
    expect(errorOf(badType, 400).details?.[0]?.path).toBe('query.type.1');
    const forged = await app.inject({
      method: 'GET',
      url: '/api/v1/activities?cursor=bm9wZQ',
      headers: { cookie: owner.cookie },
    });
    expect(errorOf(forged, 400).details?.[0]?.path).toBe('cursor');
  });

  it('viewers read but cannot write; "own"-scope roles see the activities they own or took part in', async () => {
    const viewer = await addMember(app, db, owner, 'viewer');
    const sales = await addMember(app, db, owner, 'sales');
    const refused = await post(viewer, { type: 'note', subject: 'Nope' });
    expect(errorOf(refused, 403).code).toBe('FORBIDDEN');
    const byOwner = await createActivity({ type: 'note', subject: 'Owner only' });
    const withSales = await createActivity({
      type: 'meeting',
      subject: 'Joint',
      participantIds: [sales.me.user?.id],
    });
    const viewerRead = await app.inject({
      method: 'GET',
      url: `/api/v1/activities/${byOwner.id}`,
      headers: { cookie: viewer.cookie },
    });
    expect(viewerRead.statusCode).toBe(200);
    const viewerPatch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/activities/${byOwner.id}`,
      headers: { cookie: viewer.cookie },
      payload: { subject: 'x' },
    });
    expect(errorOf(viewerPatch, 403).code).toBe('FORBIDDEN');

    const bySales = await createActivity({ type: 'note', subject: 'Mine' }, sales);
    const salesIds = (await list('limit=500', sales)).data.map((a) => a.id);
    expect(salesIds).toEqual(expect.arrayContaining([bySales.id, withSales.id]));
    expect(salesIds).not.toContain(byOwner.id);
    const hidden = await app.inject({
      method: 'GET',
      url: `/api/v1/activities/${byOwner.id}`,
      headers: { cookie: sales.cookie },
    });
    expect(errorOf(hidden, 404).code).toBe('NOT_FOUND');
  });
});
