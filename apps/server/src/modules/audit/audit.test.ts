import type { TAuditEntry } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  createTestApp,
  errorOf,
  readTokenFromOutbox,
  signUp,
  type TSession,
  uniqueEmail,
} from '../../../../../test/helpers.ts';

const { app, db } = await createTestApp();

let owner: TSession;
let admin: TSession;
beforeAll(async () => {
  owner = await signUp(app, 'Audited');
  admin = await addMember(app, db, owner, 'admin');
});

async function auditOf(session: TSession, query = ''): Promise<TAuditEntry[]> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/audit-log?limit=500${query}`,
    headers: { cookie: session.cookie },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().data;
}

describe('audit log', () => {
  it('records the workspace creation by the sign-up', async () => {
    const entries = await auditOf(owner, '&action=workspace.create');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorType: 'system',
      recordType: 'workspace',
      recordId: owner.me.workspace.id,
      after: { name: 'Audited', ownerId: owner.me.user?.id, ownerEmail: owner.email },
    });
  });

  it('records person create, update (as a diff) and delete, with actor and request id', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { cookie: admin.cookie, 'x-request-id': 'audit-create-1' },
      payload: { firstName: 'Audit', lastName: 'Me' },
    });
    const id = created.json().id as string;
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${id}`,
      headers: { cookie: admin.cookie },
      payload: { lastName: 'Changed', firstName: 'Audit' },
    });
    await app.inject({ method: 'DELETE', url: `/api/v1/people/${id}`, headers: { cookie: admin.cookie } });

    const entries = await auditOf(owner, `&recordId=${id}`);
    expect(entries.map((e) => e.action)).toEqual(['person.delete', 'person.update', 'person.create']);
    const [deleted, updated, create] = entries;
    for (const entry of entries) {
      expect(entry).toMatchObject({
        actorType: 'user',
        actorId: admin.me.user?.id,
        actorName: admin.me.user?.name,
        recordType: 'person',
      });
    }
    expect(create?.requestId).toBe('audit-create-1');
    expect(create?.before).toBeNull();
    expect(create?.after).toMatchObject({ firstName: 'Audit', lastName: 'Me', ownerId: admin.me.user?.id });
    // Only what changed: firstName was sent but is the same.
    expect(updated?.before).toEqual({ lastName: 'Me' });
    expect(updated?.after).toEqual({ lastName: 'Changed' });
    expect(deleted?.before).toMatchObject({ firstName: 'Audit', lastName: 'Changed' });
    expect(deleted?.after).toBeNull();
  });

  it('records role changes, invitations created and accepted, API keys created and revoked', async () => {
    const email = uniqueEmail('audited-invitee');
    const invitation = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: { cookie: admin.cookie },
      payload: { email, role: 'viewer' },
    });
    const token = await readTokenFromOutbox(db, email, 'accept-invitation');
    const accepted = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token, name: 'Invitee', password: 'a long password here' },
    });
    const newUserId = accepted.json().user.id as string;
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/members/${newUserId}`,
      headers: { cookie: owner.cookie },
      payload: { role: 'support' },
    });
    const key = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: { cookie: owner.cookie },
      payload: { name: 'Audited key', role: 'viewer' },
    });
    const keyId = key.json().id as string;
    await app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${keyId}`,
      headers: { cookie: owner.cookie },
    });
    await app.inject({
      method: 'DELETE',
      url: `/api/v1/members/${newUserId}`,
      headers: { cookie: owner.cookie },
    });

    const invitationEntries = await auditOf(owner, `&recordId=${invitation.json().id}`);
    expect(invitationEntries).toEqual([
      expect.objectContaining({
        action: 'invitation.create',
        actorId: admin.me.user?.id,
        after: { email, role: 'viewer' },
      }),
    ]);
    const memberEntries = await auditOf(owner, `&recordId=${newUserId}`);
    expect(memberEntries.map((e) => [e.action, e.actorType, e.before, e.after])).toEqual([
      ['member.remove', 'user', { role: 'support' }, null],
      ['member.update', 'user', { role: 'viewer' }, { role: 'support' }],
      ['invitation.accept', 'system', null, { email, role: 'viewer' }],
    ]);
    const keyEntries = await auditOf(owner, `&recordId=${keyId}`);
    expect(keyEntries.map((e) => e.action)).toEqual(['apiKey.revoke', 'apiKey.create']);
    expect(keyEntries[1]?.after).toMatchObject({ name: 'Audited key', role: 'viewer' });
    expect(JSON.stringify(keyEntries)).not.toContain(key.json().key);
  });

  it('filters by actor, record type and action, and pages newest first', async () => {
    const byAdmin = await auditOf(owner, `&actorId=${admin.me.user?.id}`);
    expect(byAdmin.length).toBeGreaterThan(0);
    expect(byAdmin.every((e) => e.actorId === admin.me.user?.id)).toBe(true);
    const people = await auditOf(owner, '&recordType=person&action=person.create');
    expect(people.length).toBeGreaterThan(0);
    expect(people.every((e) => e.recordType === 'person' && e.action === 'person.create')).toBe(true);

    const all = await auditOf(owner);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/audit-log?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await app.inject({ method: 'GET', url, headers: { cookie: owner.cookie } });
      ids.push(...response.json().data.map((e: TAuditEntry) => e.id));
      cursor = response.json().nextCursor;
    } while (cursor);
    expect(ids).toEqual(all.map((e) => e.id));
    expect([...ids].sort().reverse()).toEqual(ids);
    const badCursor = await app.inject({
      method: 'GET',
      url: `/api/v1/audit-log?cursor=${Buffer.from('["nope"]').toString('base64url')}`,
      headers: { cookie: owner.cookie },
    });
    expect(errorOf(badCursor, 400).details?.map((d) => d.path)).toEqual(['cursor']);
  });

  it('an API key is recorded as the actor of its changes', async () => {
    const key = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: { cookie: owner.cookie },
      payload: { name: 'Robot', role: 'manager' },
    });
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { authorization: `Bearer ${key.json().key}` },
      payload: { firstName: 'By robot' },
    });
    const [entry] = await auditOf(owner, `&recordId=${created.json().id}`);
    expect(entry).toMatchObject({
      actorType: 'apiKey',
      actorId: key.json().id,
      actorName: 'Robot',
      action: 'person.create',
    });
    const viaKey = await app.inject({
      method: 'GET',
      url: `/api/v1/audit-log?actorId=${key.json().id}`,
      headers: { authorization: `Bearer ${key.json().key}` },
    });
    expect(viaKey.json().data.map((e: TAuditEntry) => e.recordId)).toEqual([created.json().id]);
  });

  it('is forbidden to roles without audit:read (viewer, sales)', async () => {
    for (const role of ['viewer', 'sales'] as const) {
      const member = await addMember(app, db, owner, role);
      const response = await app.inject({
        method: 'GET',
        url: '/api/v1/audit-log',
        headers: { cookie: member.cookie },
      });
      expect(errorOf(response, 403).code).toBe('FORBIDDEN');
    }
  });

  it('a failed change leaves no audit entry', async () => {
    const before = (await auditOf(owner)).length;
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { cookie: owner.cookie },
      payload: {
        firstName: 'Two primaries',
        emails: [
          { email: 'a@b.cd', isPrimary: true },
          { email: 'c@d.ef', isPrimary: true },
        ],
      },
    });
    expect(refused.statusCode).toBe(400);
    const selfDemotion = await app.inject({
      method: 'PATCH',
      url: `/api/v1/members/${owner.me.user?.id}`,
      headers: { cookie: owner.cookie },
      payload: { role: 'viewer' },
    });
    expect(selfDemotion.statusCode).toBe(409);
    expect((await auditOf(owner)).length).toBe(before);
  });
});
