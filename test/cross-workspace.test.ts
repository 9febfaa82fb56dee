import { beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  createApiKey,
  createTestApp,
  errorOf,
  signUp,
  type TSession,
  uniqueEmail,
} from './helpers.ts';

// Workspace A holds records; workspace B (by session and by API key) tries to reach them by id.
const { app, db } = await createTestApp();

let ownerA: TSession;
let memberA: TSession;
let ownerB: TSession;
let keyA: string;
let keyB: string;
const idsA = { person: '', invitation: '', apiKey: '' };
let personB = '';
const marker = `Zebulon${Date.now()}`;

beforeAll(async () => {
  ownerA = await signUp(app, 'Workspace A');
  ownerB = await signUp(app, 'Workspace B');
  memberA = await addMember(app, db, ownerA, 'viewer');
  const person = await app.inject({
    method: 'POST',
    url: '/api/v1/people',
    headers: { cookie: ownerA.cookie },
    payload: { firstName: marker, emails: [{ email: `${marker.toLowerCase()}@example.test` }] },
  });
  idsA.person = person.json().id;
  const invitation = await app.inject({
    method: 'POST',
    url: '/api/v1/invitations',
    headers: { cookie: ownerA.cookie },
    payload: { email: uniqueEmail(), role: 'admin' },
  });
  idsA.invitation = invitation.json().id;
  const apiKey = await app.inject({
    method: 'POST',
    url: '/api/v1/api-keys',
    headers: { cookie: ownerA.cookie },
    payload: { name: 'A key', role: 'owner' },
  });
  idsA.apiKey = apiKey.json().id;
  keyA = apiKey.json().key;
  keyB = await createApiKey(app, ownerB, 'owner');
  personB = (
    await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { cookie: ownerB.cookie },
      payload: { firstName: 'Bee' },
    })
  ).json().id;
});

const asB = () => [
  { label: 'B session', headers: { cookie: ownerB.cookie } },
  { label: 'B API key', headers: { authorization: `Bearer ${keyB}` } },
];

describe('cross-workspace access', () => {
  it("every route taking an id answers 404 for another workspace's record", async () => {
    const userA = ownerA.me.user?.id ?? '';
    const memberUserA = memberA.me.user?.id ?? '';
    const attempts = [
      { method: 'GET', url: `/api/v1/people/${idsA.person}` },
      { method: 'PATCH', url: `/api/v1/people/${idsA.person}`, payload: { firstName: 'Hijacked' } },
      {
        method: 'PATCH',
        url: `/api/v1/people/${idsA.person}`,
        payload: { firstName: 'Hijacked' },
        ifMatch: '"1"',
      },
      { method: 'DELETE', url: `/api/v1/people/${idsA.person}` },
      { method: 'DELETE', url: `/api/v1/people/${idsA.person}`, ifMatch: '"1"' },
      { method: 'PATCH', url: `/api/v1/members/${memberUserA}`, payload: { role: 'admin' } },
      { method: 'PATCH', url: `/api/v1/members/${userA}`, payload: { role: 'viewer' } },
      { method: 'DELETE', url: `/api/v1/members/${memberUserA}` },
      { method: 'DELETE', url: `/api/v1/members/${userA}` },
      { method: 'DELETE', url: `/api/v1/invitations/${idsA.invitation}` },
      { method: 'DELETE', url: `/api/v1/api-keys/${idsA.apiKey}` },
    ] as const;
    for (const who of asB()) {
      for (const attempt of attempts) {
        const response = await app.inject({
          method: attempt.method,
          url: attempt.url,
          headers: { ...who.headers, ...('ifMatch' in attempt ? { 'if-match': attempt.ifMatch } : {}) },
          ...('payload' in attempt ? { payload: attempt.payload } : {}),
        });
        expect(response.statusCode, `${who.label} ${attempt.method} ${attempt.url}: ${response.body}`).toBe(
          404,
        );
        expect(response.json().error.code).toBe('NOT_FOUND');
      }
    }

    // Nothing changed in A.
    const person = await db
      .selectFrom('people')
      .select(['firstName', 'version'])
      .where('id', '=', idsA.person)
      .executeTakeFirst();
    expect(person).toEqual({ firstName: marker, version: 1 });
    const memberships = await db
      .selectFrom('memberships')
      .select(['userId', 'role'])
      .where('workspaceId', '=', ownerA.me.workspace.id)
      .orderBy('role')
      .execute();
    expect(memberships).toEqual([
      { userId: userA, role: 'owner' },
      { userId: memberUserA, role: 'viewer' },
    ]);
    const invitation = await db
      .selectFrom('invitations')
      .select('revokedAt')
      .where('id', '=', idsA.invitation)
      .executeTakeFirst();
    expect(invitation).toEqual({ revokedAt: null });
    const apiKey = await db
      .selectFrom('apiKeys')
      .select('revokedAt')
      .where('id', '=', idsA.apiKey)
      .executeTakeFirst();
    expect(apiKey).toEqual({ revokedAt: null });
    // And B's audit log recorded no change to A's records.
    const leaked = await db
      .selectFrom('auditLog')
      .select('id')
      .where('recordId', 'in', [idsA.person, idsA.invitation, idsA.apiKey, memberUserA, userA])
      .where('workspaceId', '=', ownerB.me.workspace.id)
      .execute();
    expect(leaked).toEqual([]);
  });

  it("lists, search and the audit log never show another workspace's data", async () => {
    for (const who of asB()) {
      const list = await app.inject({ method: 'GET', url: '/api/v1/people?limit=500', headers: who.headers });
      expect(list.json().data.map((p: { id: string }) => p.id)).toEqual([personB]);
      const search = await app.inject({
        method: 'GET',
        url: `/api/v1/people?q=${marker}`,
        headers: who.headers,
      });
      expect(search.json().data).toEqual([]);
      const byRecord = await app.inject({
        method: 'GET',
        url: `/api/v1/audit-log?recordId=${idsA.person}`,
        headers: who.headers,
      });
      expect(byRecord.statusCode).toBe(200);
      expect(byRecord.json().data).toEqual([]);
      const byActor = await app.inject({
        method: 'GET',
        url: `/api/v1/audit-log?actorId=${ownerA.me.user?.id}`,
        headers: who.headers,
      });
      expect(byActor.json().data).toEqual([]);
      const all = await app.inject({
        method: 'GET',
        url: '/api/v1/audit-log?limit=500',
        headers: who.headers,
      });
      expect(all.body).not.toContain(ownerA.me.workspace.id);
      expect(all.body).not.toContain(marker);
      const members = await app.inject({ method: 'GET', url: '/api/v1/members', headers: who.headers });
      expect(members.json().data.map((m: { email: string }) => m.email)).toEqual([ownerB.email]);
      const keys = await app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: who.headers });
      expect(keys.json().data.map((k: { id: string }) => k.id)).not.toContain(idsA.apiKey);
      const invitations = await app.inject({
        method: 'GET',
        url: '/api/v1/invitations',
        headers: who.headers,
      });
      expect(invitations.json().data).toEqual([]);
      const outbox = await app.inject({ method: 'GET', url: '/api/v1/outbox', headers: who.headers });
      expect(outbox.json().data).toEqual([]);
    }
  });

  it("an API key of workspace A cannot read or change B's records", async () => {
    const headers = { authorization: `Bearer ${keyA}` };
    expect(
      errorOf(await app.inject({ method: 'GET', url: `/api/v1/people/${personB}`, headers }), 404).code,
    ).toBe('NOT_FOUND');
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${personB}`,
      headers,
      payload: { firstName: 'X' },
    });
    expect(errorOf(patch, 404).code).toBe('NOT_FOUND');
    const list = await app.inject({ method: 'GET', url: '/api/v1/people?limit=500', headers });
    expect(list.json().data.map((p: { id: string }) => p.id)).toEqual([idsA.person]);
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers });
    expect(me.json().workspace.id).toBe(ownerA.me.workspace.id);
  });

  it('people cannot be given an owner from another workspace; a session cannot switch into B', async () => {
    const userB = ownerB.me.user?.id ?? '';
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { cookie: ownerA.cookie },
      payload: { firstName: 'Foreign owner', ownerId: userB },
    });
    expect(errorOf(created, 400).details?.map((d) => d.path)).toEqual(['ownerId']);
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${idsA.person}`,
      headers: { cookie: ownerA.cookie },
      payload: { ownerId: userB },
    });
    expect(errorOf(patched, 400).details?.map((d) => d.path)).toEqual(['ownerId']);
    const switched = await app.inject({
      method: 'POST',
      url: '/api/v1/me/workspace',
      headers: { cookie: ownerA.cookie },
      payload: { workspaceId: ownerB.me.workspace.id },
    });
    expect(errorOf(switched, 404).code).toBe('NOT_FOUND');
  });

  it('the same Idempotency-Key in two workspaces gives two independent results', async () => {
    const key = `shared-key-${Date.now()}`;
    const inA = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { authorization: `Bearer ${keyA}`, 'idempotency-key': key },
      payload: { firstName: 'Same body' },
    });
    const inB = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { authorization: `Bearer ${keyB}`, 'idempotency-key': key },
      payload: { firstName: 'Same body' },
    });
    expect(inA.statusCode).toBe(201);
    expect(inB.statusCode).toBe(201);
    expect(inB.headers['idempotent-replayed']).toBeUndefined();
    expect(inB.json().id).not.toBe(inA.json().id);
    const rowB = await db
      .selectFrom('people')
      .select('workspaceId')
      .where('id', '=', inB.json().id)
      .executeTakeFirstOrThrow();
    expect(rowB.workspaceId).toBe(ownerB.me.workspace.id);
  });
});
