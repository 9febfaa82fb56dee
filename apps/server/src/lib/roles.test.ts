import { canAccess, getRecordScope, hasCapability, ROLE_RULES, ROLES, type TRole } from '@kap/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  createTestApp,
  errorOf,
  signUp,
  type TSession,
  uniqueEmail,
} from '../../../../test/helpers.ts';

// One workspace with a member of every role, shared by the file's tests (sign-ups are slow on purpose).
const { app, db } = await createTestApp();
const sessions = {} as Record<TRole, TSession>;

beforeAll(async () => {
  sessions.owner = await signUp(app, 'Roles workspace');
  for (const role of ROLES) {
    if (role !== 'owner') sessions[role] = await addMember(app, db, sessions.owner, role);
  }
});

const as = (role: TRole) => ({ cookie: sessions[role].cookie });
const userIdOf = (role: TRole) => sessions[role].me.user?.id ?? '';

async function createPersonAs(role: TRole, payload: Record<string, unknown>): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/people', headers: as(role), payload });
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
}

/** The status a request should get: `ok` when allowed, else 403 FORBIDDEN. */
function expectAllowed(response: { statusCode: number; body: string }, isAllowed: boolean, ok: number) {
  if (isAllowed) expect(response.statusCode, response.body).toBe(ok);
  else expect(errorOf(response as Parameters<typeof errorOf>[0], 403).code).toBe('FORBIDDEN');
}

describe.each(ROLES.map((role) => ({ role })))('role $role', ({ role }) => {
  const canReadPeople = canAccess(role, 'people', 'read');
  const canWritePeople = canAccess(role, 'people', 'write');

  it(`people: read ${canReadPeople}, write ${canWritePeople}`, async () => {
    expectAllowed(
      await app.inject({ method: 'GET', url: '/api/v1/people', headers: as(role) }),
      canReadPeople,
      200,
    );
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: as(role),
      payload: { firstName: `Made by ${role}` },
    });
    expectAllowed(created, canWritePeople, 201);

    // A person this role may see (its own for "own" scope), created by the owner when it cannot write.
    const id = canWritePeople
      ? (created.json().id as string)
      : await createPersonAs('owner', { firstName: 'Target' });
    const read = await app.inject({ method: 'GET', url: `/api/v1/people/${id}`, headers: as(role) });
    expectAllowed(read, canReadPeople, 200);
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${id}`,
      headers: as(role),
      payload: { lastName: 'Changed' },
    });
    expectAllowed(patched, canWritePeople, 200);
    const deleted = await app.inject({ method: 'DELETE', url: `/api/v1/people/${id}`, headers: as(role) });
    expectAllowed(deleted, canWritePeople, 204);
    const left = await db.selectFrom('people').select('lastName').where('id', '=', id).executeTakeFirst();
    expect(left).toEqual(canWritePeople ? undefined : { lastName: null });
  });

  it(`members management: ${hasCapability(role, 'users:manage')}`, async () => {
    const isAllowed = hasCapability(role, 'users:manage');
    expectAllowed(
      await app.inject({ method: 'GET', url: '/api/v1/invitations', headers: as(role) }),
      isAllowed,
      200,
    );
    expectAllowed(
      await app.inject({ method: 'GET', url: '/api/v1/outbox', headers: as(role) }),
      isAllowed,
      200,
    );
    const invited = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: as(role),
      payload: { email: uniqueEmail(), role: 'viewer' },
    });
    expectAllowed(invited, isAllowed, 201);
    const inviteOwner = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: as(role),
      payload: { email: uniqueEmail(), role: 'owner' },
    });
    expectAllowed(inviteOwner, role === 'owner', 201);
    // Every member sees who is in the workspace.
    const members = await app.inject({ method: 'GET', url: '/api/v1/members', headers: as(role) });
    expect(members.statusCode).toBe(200);
    expect(members.json().data).toHaveLength(ROLES.length);
  });

  it(`API keys: ${hasCapability(role, 'apiKeys:manage')}`, async () => {
    const isAllowed = hasCapability(role, 'apiKeys:manage');
    expectAllowed(
      await app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: as(role) }),
      isAllowed,
      200,
    );
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: as(role),
      payload: { name: `${role} key`, role: 'viewer' },
    });
    expectAllowed(created, isAllowed, 201);
  });

  it(`audit log: ${hasCapability(role, 'audit:read')}`, async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/audit-log', headers: as(role) });
    expectAllowed(response, hasCapability(role, 'audit:read'), 200);
  });

  it('reads the role matrix', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/roles', headers: as(role) });
    expect(response.statusCode).toBe(200);
    const data = response.json().data as {
      role: TRole;
      scope: string;
      capabilities: string[];
      access: unknown;
    }[];
    expect(data.map((r) => r.role)).toEqual([...ROLES]);
    for (const entry of data) {
      expect(entry.access).toEqual(ROLE_RULES[entry.role].access);
      expect(entry.scope).toBe(ROLE_RULES[entry.role].scope);
      expect(entry.capabilities).toEqual([...ROLE_RULES[entry.role].capabilities]);
    }
  });

  it(`record scope "${getRecordScope(role)}": which people it sees`, async () => {
    const ownersPerson = await createPersonAs('owner', { firstName: `Owned by owner for ${role}` });
    const unowned = await createPersonAs('owner', { firstName: `Unowned for ${role}`, ownerId: null });
    const ownPerson = await createPersonAs('owner', {
      firstName: `Owned by ${role}`,
      ownerId: userIdOf(role),
    });
    const isAll = getRecordScope(role) === 'all';

    const list = await app.inject({ method: 'GET', url: '/api/v1/people?limit=500', headers: as(role) });
    expect(list.statusCode).toBe(200);
    const ids: string[] = list.json().data.map((p: { id: string }) => p.id);
    expect(ids).toContain(ownPerson);
    expect(ids.includes(ownersPerson)).toBe(isAll);
    expect(ids.includes(unowned)).toBe(isAll);
    if (!isAll) {
      const owners = await db.selectFrom('people').select('ownerId').where('id', 'in', ids).execute();
      expect(new Set(owners.map((o) => o.ownerId))).toEqual(new Set([userIdOf(role)]));
      const filtered = await app.inject({
        method: 'GET',
        url: `/api/v1/people?ownerId=${userIdOf('owner')}`,
        headers: as(role),
      });
      expect(filtered.json().data).toEqual([]);
    }

    for (const id of [ownersPerson, unowned]) {
      const read = await app.inject({ method: 'GET', url: `/api/v1/people/${id}`, headers: as(role) });
      expect(read.statusCode).toBe(isAll ? 200 : 404);
      if (!isAll && canAccess(role, 'people', 'write')) {
        const patch = await app.inject({
          method: 'PATCH',
          url: `/api/v1/people/${id}`,
          headers: as(role),
          payload: { lastName: 'X' },
        });
        expect(errorOf(patch, 404).code).toBe('NOT_FOUND');
        const del = await app.inject({ method: 'DELETE', url: `/api/v1/people/${id}`, headers: as(role) });
        expect(errorOf(del, 404).code).toBe('NOT_FOUND');
      }
    }
    const untouched = await db
      .selectFrom('people')
      .select('lastName')
      .where('id', 'in', [ownersPerson, unowned])
      .execute();
    expect(untouched).toEqual([{ lastName: null }, { lastName: null }]);
  });
});
