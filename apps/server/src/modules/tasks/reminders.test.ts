import type { TNotification, TTask } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  createApiKey,
  createTestApp,
  errorOf,
  signUp,
  type TSession,
} from '../../../../../test/helpers.ts';
import { sendDueTaskReminders } from './index.ts';

const { app, db } = await createTestApp();

let owner: TSession;
let member: TSession;
beforeAll(async () => {
  owner = await signUp(app, 'Reminders');
  member = await addMember(app, db, owner, 'support');
});

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

async function createTask(payload: Record<string, unknown>): Promise<TTask> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/tasks',
    headers: { cookie: owner.cookie },
    payload,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function notificationsOf(session: TSession, query = '') {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/notifications?${query}`,
    headers: { cookie: session.cookie },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { data: TNotification[]; nextCursor: string | null };
}

const notificationRows = () =>
  db
    .selectFrom('notifications')
    .select(['userId', 'recordId', 'kind'])
    .where('workspaceId', '=', owner.me.workspace.id)
    .orderBy('recordId')
    .execute();

describe('task reminders', () => {
  it('turns each due open task into exactly one notification for its assignee, even with racing workers', async () => {
    const mine = await createTask({ title: 'Call Anahit back', dueAt: inMinutes(-2) });
    const theirs = await createTask({
      title: 'Ship the parcel',
      dueAt: inMinutes(-1),
      assigneeId: member.me.user?.id,
    });
    await createTask({ title: 'Not yet', dueAt: inMinutes(60) });
    await createTask({ title: 'Already done', dueAt: inMinutes(-3), status: 'done' });
    await createTask({ title: 'Nobody to tell', dueAt: inMinutes(-3), assigneeId: null });
    await createTask({ title: 'Someday' });

    // Two workers at the same moment, one task per batch so that they really interleave, then a
    // third run that must find nothing left to do in this workspace.
    await Promise.all([
      sendDueTaskReminders(db, 1),
      sendDueTaskReminders(db, 1),
      sendDueTaskReminders(db, 2),
    ]);
    await sendDueTaskReminders(db);
    const rows = await notificationRows();
    expect(rows).toEqual(
      [
        { userId: owner.me.user?.id, recordId: mine.id, kind: 'taskDue' },
        { userId: member.me.user?.id, recordId: theirs.id, kind: 'taskDue' },
      ].sort((a, b) => (a.recordId < b.recordId ? -1 : 1)),
    );

    const ownerInbox = await notificationsOf(owner);
    expect(ownerInbox.data).toHaveLength(1);
    expect(ownerInbox.data[0]).toMatchObject({
      kind: 'taskDue',
      title: 'Call Anahit back',
      recordType: 'task',
      recordId: mine.id,
      readAt: null,
      data: { dueAt: mine.dueAt },
    });

    // A new due time is a new reminder; an unchanged one is not repeated.
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/tasks/${mine.id}`,
      headers: { cookie: owner.cookie },
      payload: { dueAt: inMinutes(-1) },
    });
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/tasks/${theirs.id}`,
      headers: { cookie: owner.cookie },
      payload: { title: 'Renamed' },
    });
    await Promise.all([sendDueTaskReminders(db), sendDueTaskReminders(db)]);
    expect((await notificationRows()).filter((row) => row.recordId === mine.id)).toHaveLength(2);
    expect((await notificationRows()).filter((row) => row.recordId === theirs.id)).toHaveLength(1);
  });

  it('lists unread first, newest first, in keyset pages; marks read; only your own', async () => {
    const workspace = await signUp(app, 'Inbox');
    const tasks: TTask[] = [];
    for (const minutes of [-4, -3, -2, -1]) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/tasks',
        headers: { cookie: workspace.cookie },
        payload: { title: `Task ${minutes}`, dueAt: inMinutes(minutes) },
      });
      tasks.push(response.json());
      // One run per task: notifications are created in due order, so ids follow it.
      await sendDueTaskReminders(db);
    }
    const all = await notificationsOf(workspace);
    expect(all.data.map((n) => n.title)).toEqual(['Task -1', 'Task -2', 'Task -3', 'Task -4']);
    const [newest, , third] = all.data;
    for (const target of [newest, third]) {
      const read = await app.inject({
        method: 'POST',
        url: `/api/v1/notifications/${target?.id}/read`,
        headers: { cookie: workspace.cookie },
      });
      expect(read.statusCode, read.body).toBe(200);
      expect(Date.parse(read.json().readAt)).toBeGreaterThan(Date.now() - 60_000);
    }
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/notifications/${newest?.id}/read`,
      headers: { cookie: workspace.cookie },
    });
    expect(again.json().readAt).toBe(
      (await notificationsOf(workspace)).data.find((n) => n.id === newest?.id)?.readAt,
    );

    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await notificationsOf(workspace, `limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      titles.push(...page.data.map((n) => n.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(titles).toEqual(['Task -2', 'Task -4', 'Task -1', 'Task -3']);
    expect((await notificationsOf(workspace, 'isUnreadOnly=true')).data.map((n) => n.title)).toEqual([
      'Task -2',
      'Task -4',
    ]);

    // Someone else's notification, in this workspace or another, is not found.
    const colleague = await addMember(app, db, workspace, 'admin');
    expect((await notificationsOf(colleague)).data).toEqual([]);
    for (const session of [colleague, owner]) {
      const foreign = await app.inject({
        method: 'POST',
        url: `/api/v1/notifications/${third?.id}/read`,
        headers: { cookie: session.cookie },
      });
      expect(errorOf(foreign, 404).code).toBe('NOT_FOUND');
    }
    // An API key reads its creator's notifications.
    const key = await createApiKey(app, workspace, 'viewer');
    const viaKey = await app.inject({
      method: 'GET',
      url: '/api/v1/notifications',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(viaKey.json().data).toHaveLength(4);
  });
});
