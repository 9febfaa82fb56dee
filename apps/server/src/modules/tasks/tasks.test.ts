import type { TTask } from '@kap/shared';
import type { LightMyRequestResponse } from 'fastify';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';
import { findDayBounds } from './index.ts';

const { app, db } = await createTestApp();

let owner: TSession;
let colleague: TSession;
let personId: string;
beforeAll(async () => {
  owner = await signUp(app, 'Tasks');
  colleague = await addMember(app, db, owner, 'support');
  const person = await app.inject({
    method: 'POST',
    url: '/api/v1/people',
    headers: { cookie: owner.cookie },
    payload: { firstName: 'Giorgi', lastName: 'Beridze' },
  });
  personId = person.json().id;
});

async function createTask(payload: Record<string, unknown>, session = owner): Promise<TTask> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/tasks',
    headers: { cookie: session.cookie },
    payload,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function listIds(query: string, session = owner): Promise<string[]> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/tasks?limit=500&${query}`,
    headers: { cookie: session.cookie },
  });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().data as TTask[]).map((task) => task.id);
}

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

describe('tasks', () => {
  it('creates, completes (completedAt), reopens and deletes a task, with If-Match and audit', async () => {
    const task = await createTask({
      title: 'Send the offer',
      description: 'With the spring prices',
      dueAt: '2025-04-01T10:00:00+02:00',
      priority: 'high',
      personIds: [personId, personId],
    });
    expect(task).toMatchObject({
      title: 'Send the offer',
      dueAt: '2025-04-01T08:00:00.000Z',
      assigneeId: owner.me.user?.id, // default: the creator
      priority: 'high',
      status: 'open',
      completedAt: null,
      personIds: [personId],
      companyIds: [],
      version: 1,
    });
    const patch = (payload: Record<string, unknown>, version: string) =>
      app.inject({
        method: 'PATCH',
        url: `/api/v1/tasks/${task.id}`,
        headers: { cookie: owner.cookie, 'if-match': version },
        payload,
      });
    const done = await patch({ status: 'done' }, '"1"');
    expect(done.json()).toMatchObject({ status: 'done', version: 2 });
    expect(Date.parse(done.json().completedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(errorOf(await patch({ title: 'Stale' }, '"1"'), 412).code).toBe('PRECONDITION_FAILED');
    const reopened = await patch({ status: 'inProgress', assigneeId: colleague.me.user?.id }, '"2"');
    expect(reopened.json()).toMatchObject({
      status: 'inProgress',
      completedAt: null,
      assigneeId: colleague.me.user?.id,
    });

    const audit = await db
      .selectFrom('auditLog')
      .select('action')
      .where('recordId', '=', task.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['task.create', 'task.update', 'task.update']);
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/tasks/${task.id}`,
      headers: { cookie: owner.cookie },
    });
    expect(removed.statusCode).toBe(204);
    const gone = await app.inject({
      method: 'GET',
      url: `/api/v1/tasks/${task.id}`,
      headers: { cookie: owner.cookie },
    });
    expect(errorOf(gone, 404).code).toBe('NOT_FOUND');
  });

  it('refuses wrong input, naming the field', async () => {
    const stranger = await signUp(app, 'Tasks elsewhere');
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'title'],
      [{ title: '   ' }, 'title'],
      [{ title: 'x', priority: 'whenever' }, 'priority'],
      [{ title: 'x', status: 'blocked' }, 'status'],
      [{ title: 'x', dueAt: 'tomorrow' }, 'dueAt'],
      [{ title: 'x', assigneeId: stranger.me.user?.id }, 'assigneeId'],
      [{ title: 'x', personIds: ['0190a0b0-0000-7000-8000-000000000003'] }, 'personIds.0'],
    ];
    for (const [payload, path] of cases) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/tasks',
        headers: { cookie: owner.cookie },
        payload,
      });
      expect(
        errorOf(response, 400).details?.map((d) => d.path),
        JSON.stringify(payload),
      ).toContain(path);
    }
    const foreignPerson = await app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      headers: { cookie: stranger.cookie },
      payload: { title: 'x', personIds: [personId] },
    });
    expect(errorOf(foreignPerson, 400).details?.[0]?.path).toBe('personIds.0');
    const badZone = await app.inject({
      method: 'GET',
      url: '/api/v1/tasks?view=dueToday&tz=Mars/Olympus',
      headers: { cookie: owner.cookie },
    });
    expect(errorOf(badZone, 400).details?.[0]?.path).toBe('query.tz');
  });

  it('"mine" and "overdue" show open work; filters narrow them', async () => {
    const workspace = await signUp(app, 'Views');
    const member = await addMember(app, db, workspace, 'sales');
    const me = workspace.me.user?.id;
    const create = (payload: Record<string, unknown>) => createTask(payload, workspace);
    const pastMine = await create({ title: 'past, mine', dueAt: inHours(-5) });
    const pastDone = await create({ title: 'past, done', dueAt: inHours(-4), status: 'done' });
    const pastTheirs = await create({
      title: 'past, theirs',
      dueAt: inHours(-3),
      assigneeId: member.me.user?.id,
      priority: 'urgent',
    });
    const futureMine = await create({ title: 'future, mine', dueAt: inHours(5) });
    const undatedMine = await create({ title: 'no date, mine' });
    const cancelled = await create({ title: 'cancelled', dueAt: inHours(-2), status: 'cancelled' });
    const unassigned = await create({ title: 'nobody', dueAt: inHours(-1), assigneeId: null });

    expect(await listIds('view=mine', workspace)).toEqual([pastMine.id, futureMine.id, undatedMine.id]);
    expect(await listIds('view=overdue', workspace)).toEqual([pastMine.id, pastTheirs.id, unassigned.id]);
    expect(await listIds('view=overdue&priority=urgent', workspace)).toEqual([pastTheirs.id]);
    expect(await listIds(`view=overdue&assigneeId=${me}`, workspace)).toEqual([pastMine.id]);
    expect(await listIds('status=done,cancelled', workspace)).toEqual([pastDone.id, cancelled.id]);
    expect(await listIds('view=mine', member)).toEqual([pastTheirs.id]);
    // The "own"-scope member sees only tasks assigned to or created by them.
    expect(await listIds('', member)).toEqual([pastTheirs.id]);
    const hidden = await app.inject({
      method: 'GET',
      url: `/api/v1/tasks/${pastMine.id}`,
      headers: { cookie: member.cookie },
    });
    expect(errorOf(hidden, 404).code).toBe('NOT_FOUND');
  });

  it('"dueToday" is today in the given time zone, boundaries included on the left only', async () => {
    const workspace = await signUp(app, 'Due today');
    const zone = 'Pacific/Kiritimati'; // UTC+14: its today is mostly not UTC's
    const today = DateTime.now().setZone(zone).startOf('day');
    const tomorrow = today.plus({ days: 1 });
    const times = {
      lastSecondOfYesterday: today.minus({ seconds: 1 }),
      midnight: today,
      lastSecond: tomorrow.minus({ seconds: 1 }),
      nextMidnight: tomorrow,
    };
    const made: Record<string, string> = {};
    for (const [name, time] of Object.entries(times)) {
      made[name] = (await createTask({ title: name, dueAt: time.toUTC().toISO() }, workspace)).id;
    }
    expect(await listIds(`view=dueToday&tz=${zone}`, workspace)).toEqual([made.midnight, made.lastSecond]);
    // The same tasks seen from UTC: whichever fall in UTC's today.
    const utc = findDayBounds('UTC', new Date());
    const inUtcToday = Object.entries(times)
      .filter(([, time]) => time.toMillis() >= utc.start.getTime() && time.toMillis() < utc.end.getTime())
      .map(([name]) => made[name]);
    expect(await listIds('view=dueToday&tz=UTC', workspace)).toEqual(inUtcToday);
    expect(inUtcToday).not.toEqual([made.midnight, made.lastSecond]);
  });

  it('computes days across daylight-saving changes', () => {
    // Vilnius springs forward at 03:00 on 30 March 2025: a 23-hour day.
    const spring = findDayBounds('Europe/Vilnius', new Date('2025-03-30T12:00:00Z'));
    expect(spring).toEqual({
      start: new Date('2025-03-29T22:00:00Z'),
      end: new Date('2025-03-30T21:00:00Z'),
    });
    const autumn = findDayBounds('Europe/Vilnius', new Date('2025-10-26T12:00:00Z'));
    expect(autumn).toEqual({
      start: new Date('2025-10-25T21:00:00Z'),
      end: new Date('2025-10-26T22:00:00Z'),
    });
    expect(findDayBounds('Asia/Yerevan', new Date('2025-06-01T21:30:00Z')).start).toEqual(
      new Date('2025-06-01T20:00:00Z'),
    );
  });

  it('pages by due date (undated last) without gaps or repeats, in both directions', async () => {
    const workspace = await signUp(app, 'Task pages');
    const ids: string[] = [];
    for (const dueAt of [inHours(3), null, inHours(1), null, inHours(2), inHours(1)]) {
      ids.push((await createTask({ title: 'p', dueAt }, workspace)).id);
    }
    const [in3, none1, in1a, none2, in2, in1b] = ids;
    const walk = async (sort: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const response: LightMyRequestResponse = await app.inject({
          method: 'GET',
          url: `/api/v1/tasks?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          headers: { cookie: workspace.cookie },
        });
        expect(response.statusCode, response.body).toBe(200);
        seen.push(...response.json().data.map((t: TTask) => t.id));
        cursor = response.json().nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await walk('dueAt')).toEqual([in1a, in1b, in2, in3, none1, none2]);
    expect(await walk('-dueAt')).toEqual([none2, none1, in3, in2, in1b, in1a]);
    expect(await walk('-createdAt')).toEqual([...ids].reverse());
  });

  it('viewers cannot write tasks; other workspaces see nothing', async () => {
    const viewer = await addMember(app, db, owner, 'viewer');
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      headers: { cookie: viewer.cookie },
      payload: { title: 'x' },
    });
    expect(errorOf(refused, 403).code).toBe('FORBIDDEN');
    const task = await createTask({ title: 'Ours' });
    expect(await listIds('', viewer)).toContain(task.id);
    const stranger = await signUp(app, 'Foreign tasks');
    expect(await listIds('', stranger)).toEqual([]);
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const response = await app.inject({
        method,
        url: `/api/v1/tasks/${task.id}`,
        headers: { cookie: stranger.cookie },
        ...(method === 'PATCH' && { payload: { title: 'Hijacked' } }),
      });
      expect(errorOf(response, 404).code).toBe('NOT_FOUND');
    }
  });
});
