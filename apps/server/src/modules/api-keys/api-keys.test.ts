import { createHash } from 'node:crypto';
import type { TApiKey } from '@kap/shared';
import { describe, expect, it } from 'vitest';
import {
  addMember,
  createApiKey,
  createTestApp,
  errorOf,
  signUp,
  type TSession,
} from '../../../../../test/helpers.ts';

const { app, db } = await createTestApp();

const create = (actor: TSession, payload: { name: string; role: string }) =>
  app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: { cookie: actor.cookie }, payload });

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('API keys', () => {
  it('are shown once, stored hashed, and work as Bearer tokens until revoked', async () => {
    const owner = await signUp(app);
    const created = await create(owner, { name: 'Importer', role: 'sales' });
    expect(created.statusCode).toBe(201);
    const body = created.json() as TApiKey & { key: string };
    expect(body.key).toMatch(/^kap_[\w-]{40,}$/);
    expect(body).toMatchObject({
      name: 'Importer',
      role: 'sales',
      prefix: body.key.slice(0, 12),
      createdBy: owner.me.user?.id,
      revokedAt: null,
    });

    const listed = await app.inject({
      method: 'GET',
      url: '/api/v1/api-keys',
      headers: { cookie: owner.cookie },
    });
    expect(listed.statusCode).toBe(200);
    const keys = listed.json().data as Record<string, unknown>[];
    expect(keys.map((k) => k.id)).toEqual([body.id]);
    expect(keys[0]).not.toHaveProperty('key');
    expect(keys[0]).not.toHaveProperty('keyHash');
    expect(listed.body).not.toContain(body.key);

    const row = await db
      .selectFrom('apiKeys')
      .selectAll()
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(row.keyHash).toBe(createHash('sha256').update(body.key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(body.key);

    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(body.key) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user: null,
      apiKey: { id: body.id, name: 'Importer' },
      role: 'sales',
      workspace: { id: owner.me.workspace.id },
    });
    const person = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: bearer(body.key),
      payload: { firstName: 'Keyed' },
    });
    expect(person.statusCode).toBe(201);
    expect(person.json().createdBy).toBe(body.id);
    const used = await db
      .selectFrom('apiKeys')
      .select('lastUsedAt')
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(used.lastUsedAt).toBeInstanceOf(Date);

    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${body.id}`,
      headers: { cookie: owner.cookie },
    });
    expect(revoked.statusCode).toBe(204);
    const refused = await app.inject({ method: 'GET', url: '/api/v1/people', headers: bearer(body.key) });
    expect(errorOf(refused, 401).code).toBe('UNAUTHENTICATED');
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${body.id}`,
      headers: { cookie: owner.cookie },
    });
    expect(errorOf(again, 404).code).toBe('NOT_FOUND');
    const after = await app.inject({
      method: 'GET',
      url: '/api/v1/api-keys',
      headers: { cookie: owner.cookie },
    });
    expect((after.json().data as TApiKey[])[0]?.revokedAt).not.toBeNull();
  });

  it('an unknown key is refused', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: bearer(`kap_${'a'.repeat(43)}`),
    });
    expect(errorOf(response, 401).code).toBe('UNAUTHENTICATED');
  });

  it('only roles with apiKeys:manage create, list or revoke keys; only owners create owner keys', async () => {
    const owner = await signUp(app);
    const admin = await addMember(app, db, owner, 'admin');
    const manager = await addMember(app, db, owner, 'manager');
    const sales = await addMember(app, db, owner, 'sales');
    const ownerKeyId = (await create(owner, { name: 'Owner key', role: 'owner' })).json().id as string;

    expect((await create(admin, { name: 'Admin made', role: 'admin' })).statusCode).toBe(201);
    expect(errorOf(await create(admin, { name: 'Too strong', role: 'owner' }), 403).code).toBe('FORBIDDEN');
    for (const member of [manager, sales]) {
      expect(errorOf(await create(member, { name: 'Nope', role: 'viewer' }), 403).code).toBe('FORBIDDEN');
      const listed = await app.inject({
        method: 'GET',
        url: '/api/v1/api-keys',
        headers: { cookie: member.cookie },
      });
      expect(errorOf(listed, 403).code).toBe('FORBIDDEN');
      const revoke = await app.inject({
        method: 'DELETE',
        url: `/api/v1/api-keys/${ownerKeyId}`,
        headers: { cookie: member.cookie },
      });
      expect(errorOf(revoke, 403).code).toBe('FORBIDDEN');
    }
    const names = await db
      .selectFrom('apiKeys')
      .select('name')
      .where('workspaceId', '=', owner.me.workspace.id)
      .where('revokedAt', 'is', null)
      .orderBy('name')
      .execute();
    expect(names.map((n) => n.name)).toEqual(['Admin made', 'Owner key']);
  });

  it("a key acts with its own role, not its creator's", async () => {
    const owner = await signUp(app);
    const viewerKey = await createApiKey(app, owner, 'viewer');
    const write = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: bearer(viewerKey),
      payload: { firstName: 'No' },
    });
    expect(errorOf(write, 403).code).toBe('FORBIDDEN');
    const read = await app.inject({ method: 'GET', url: '/api/v1/people', headers: bearer(viewerKey) });
    expect(read.statusCode).toBe(200);
    const keys = await app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: bearer(viewerKey) });
    expect(errorOf(keys, 403).code).toBe('FORBIDDEN');
  });

  it('validates the request', async () => {
    const owner = await signUp(app);
    const response = await create(owner, { name: '', role: 'root' });
    expect(
      errorOf(response, 400)
        .details?.map((d) => d.path)
        .sort(),
    ).toEqual(['name', 'role']);
  });
});
