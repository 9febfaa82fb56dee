import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TSession } from '../../../../test/helpers.ts';

// Row-level security is the second wall: even SQL that forgets `where workspace_id = …` must not
// see or write another workspace's rows once the transaction runs as kap_app.
const { app, pool } = await createTestApp();
const TENANT_TABLES = [
  'memberships',
  'api_keys',
  'invitations',
  'mail_outbox',
  'idempotency_keys',
  'audit_log',
  'people',
];

let ownerA: TSession;
let ownerB: TSession;

beforeAll(async () => {
  ownerA = await signUp(app, 'RLS A');
  ownerB = await signUp(app, 'RLS B');
  for (const [owner, names] of [
    [ownerA, ['Ada', 'Alan']],
    [ownerB, ['Barbara']],
  ] as const) {
    for (const firstName of names) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: { cookie: owner.cookie, 'idempotency-key': `rls-${firstName}` },
        payload: { firstName },
      });
      expect(response.statusCode).toBe(201);
    }
    await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: { cookie: owner.cookie },
      payload: { name: 'k', role: 'viewer' },
    });
  }
});

/** Runs `work` in a transaction on one connection and always rolls it back. */
async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    return await work(client);
  } finally {
    await client.query('rollback');
    client.release();
  }
}

const countOf = async (client: pg.PoolClient, table: string, workspaceId?: string) => {
  const where = workspaceId ? ` where workspace_id = '${workspaceId}'` : '';
  const result = await client.query<{ n: number }>(`select count(*)::int as n from ${table}${where}`);
  return result.rows[0]?.n;
};

async function errorCodeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('row-level security', () => {
  it('the rows exist for the system connection', async () => {
    await inTransaction(async (client) => {
      expect(await countOf(client, 'people', ownerA.me.workspace.id)).toBe(2);
      expect(await countOf(client, 'people', ownerB.me.workspace.id)).toBe(1);
    });
  });

  it('as kap_app without a workspace, every tenant table looks empty', async () => {
    await inTransaction(async (client) => {
      await client.query('set local role kap_app');
      for (const table of TENANT_TABLES) {
        expect(await countOf(client, table), table).toBe(0);
      }
      // An empty setting is no workspace either.
      await client.query(`select set_config('kap.workspace_id', '', true)`);
      expect(await countOf(client, 'people')).toBe(0);
    });
  });

  it("with workspace A set, only A's rows are visible and B's cannot be changed", async () => {
    const a = ownerA.me.workspace.id;
    const b = ownerB.me.workspace.id;
    await inTransaction(async (client) => {
      await client.query(
        `select set_config('role', 'kap_app', true), set_config('kap.workspace_id', $1, true)`,
        [a],
      );
      const people = await client.query<{ workspace_id: string; n: number }>(
        'select workspace_id, count(*)::int as n from people group by workspace_id',
      );
      expect(people.rows).toEqual([{ workspace_id: a, n: 2 }]);
      for (const table of TENANT_TABLES) {
        const foreign = await client.query(`select 1 from ${table} where workspace_id <> $1`, [a]);
        expect(foreign.rowCount, table).toBe(0);
      }
      expect(await countOf(client, 'memberships')).toBe(1);
      expect(await countOf(client, 'api_keys')).toBe(1);
      const updated = await client.query(`update people set first_name = 'Hacked' where workspace_id = $1`, [
        b,
      ]);
      expect(updated.rowCount).toBe(0);
      const deleted = await client.query('delete from people where workspace_id = $1', [b]);
      expect(deleted.rowCount).toBe(0);
    });
  });

  it("with workspace A set, inserting or moving a row into B fails the policy's WITH CHECK", async () => {
    const a = ownerA.me.workspace.id;
    const b = ownerB.me.workspace.id;
    const insert = (workspaceId: string) =>
      inTransaction(async (client) => {
        await client.query(
          `select set_config('role', 'kap_app', true), set_config('kap.workspace_id', $1, true)`,
          [a],
        );
        await client.query(
          `insert into people (workspace_id, id, first_name) values ($1, gen_random_uuid(), 'Intruder')`,
          [workspaceId],
        );
      });
    expect(await errorCodeOf(insert(b))).toBe('42501');
    expect(await errorCodeOf(insert(a))).toBeUndefined(); // the same insert into A is allowed (and rolled back)
    const move = inTransaction(async (client) => {
      await client.query(
        `select set_config('role', 'kap_app', true), set_config('kap.workspace_id', $1, true)`,
        [a],
      );
      await client.query('update people set workspace_id = $1 where workspace_id = $2', [b, a]);
    });
    expect(await errorCodeOf(move)).toBe('42501');
    const audit = inTransaction(async (client) => {
      await client.query(
        `select set_config('role', 'kap_app', true), set_config('kap.workspace_id', $1, true)`,
        [a],
      );
      await client.query(
        `insert into audit_log (workspace_id, id, actor_type, action, record_type, record_id)
         values ($1, gen_random_uuid(), 'system', 'forged', 'person', 'x')`,
        [b],
      );
    });
    expect(await errorCodeOf(audit)).toBe('42501');
    await inTransaction(async (client) => {
      expect(await countOf(client, 'people', b)).toBe(1);
    });
  });

  it('kap_app cannot read credentials or throttling state at all', async () => {
    for (const table of ['sessions', 'password_reset_tokens', 'login_throttle']) {
      const read = inTransaction(async (client) => {
        await client.query(
          `select set_config('role', 'kap_app', true), set_config('kap.workspace_id', $1, true)`,
          [ownerA.me.workspace.id],
        );
        await client.query(`select * from ${table} limit 1`);
      });
      expect(await errorCodeOf(read), table).toBe('42501');
    }
  });
});
