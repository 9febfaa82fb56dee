import type { TTimelineItem } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TSession } from '../../../../../test/helpers.ts';
import { withWorkspace } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import { moveActivitiesToRecord } from '../activities/index.ts';
import { moveTasksToRecord } from '../tasks/index.ts';

const { app, db, pool } = await createTestApp();

let owner: TSession;
beforeAll(async () => {
  owner = await signUp(app, 'Record links');
});

const DAY = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();

async function post(path: string, payload: Record<string, unknown>): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/${path}`,
    headers: { cookie: owner.cookie },
    payload,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

async function timelineOf(path: string, query = '') {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/${path}/timeline?${query}`,
    headers: { cookie: owner.cookie },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { data: TTimelineItem[]; nextCursor: string | null };
}

const kindsAndIds = (items: TTimelineItem[]) => items.map((item) => [item.kind, item.id]);

describe('record links of activities and tasks', () => {
  it('moves activities and tasks to the survivor of a merge, one link per item', async () => {
    const survivor = await post('people', { firstName: 'Survivor' });
    const merged = await post('people', { firstName: 'Merged' });
    const both = await post('activities', {
      type: 'note',
      occurredAt: at(-1),
      personIds: [survivor, merged],
    });
    const onlyMerged = await post('activities', { type: 'note', occurredAt: at(-2), personIds: [merged] });
    const task = await post('tasks', { title: 'Merged task', dueAt: at(-3), personIds: [merged] });
    const actor: TActor = {
      type: 'user',
      userId: owner.me.user?.id ?? null,
      apiKeyId: null,
      name: 'Owner Person',
      workspaceId: owner.me.workspace.id,
      role: 'owner',
      requestId: null,
    };
    const moved = await withWorkspace(db, actor.workspaceId, async (trx) => {
      const move = { recordType: 'person', fromIds: [merged], toId: survivor };
      return [await moveActivitiesToRecord(trx, actor, move), await moveTasksToRecord(trx, actor, move)];
    });
    expect(moved).toEqual([2, 1]);
    const items = (await timelineOf(`people/${survivor}`, 'kinds=activity,task')).data;
    expect(kindsAndIds(items)).toEqual([
      ['activity', both],
      ['activity', onlyMerged],
      ['task', task],
    ]);
    const activity = await app.inject({
      method: 'GET',
      url: `/api/v1/activities/${both}`,
      headers: { cookie: owner.cookie },
    });
    expect(activity.json().personIds).toEqual([survivor]);
  });

  it("row-level security hides other workspaces' interaction rows", async () => {
    await signUp(app, 'Someone else'); // so that other workspaces surely exist
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(
        `select set_config('role', 'kap_app', true), set_config('kap.workspace_id', $1, true)`,
        [owner.me.workspace.id],
      );
      for (const table of ['activities', 'activity_links', 'tasks', 'task_links', 'notifications']) {
        const foreign = await client.query(
          `select count(*)::int as n from ${table} where workspace_id <> $1`,
          [owner.me.workspace.id],
        );
        expect(foreign.rows[0]?.n, table).toBe(0);
      }
      const own = await client.query('select count(*)::int as n from activity_links');
      expect(own.rows[0]?.n).toBeGreaterThan(0);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });
});
