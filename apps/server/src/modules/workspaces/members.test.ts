import type { TMember } from '@kap/shared';
import { describe, expect, it } from 'vitest';
import { addMember, createTestApp, errorOf, signUp, type TSession } from '../../../../../test/helpers.ts';

const { app, db } = await createTestApp();

const userIdOf = (session: TSession) => session.me.user?.id ?? '';

const setRole = (actor: TSession, target: TSession, role: string) =>
  app.inject({
    method: 'PATCH',
    url: `/api/v1/members/${userIdOf(target)}`,
    headers: { cookie: actor.cookie },
    payload: { role },
  });

const remove = (actor: TSession, target: TSession) =>
  app.inject({
    method: 'DELETE',
    url: `/api/v1/members/${userIdOf(target)}`,
    headers: { cookie: actor.cookie },
  });

async function rolesIn(owner: TSession): Promise<Record<string, string>> {
  const response = await app.inject({
    method: 'GET',
    url: '/api/v1/members',
    headers: { cookie: owner.cookie },
  });
  expect(response.statusCode).toBe(200);
  return Object.fromEntries((response.json().data as TMember[]).map((m) => [m.userId, m.role]));
}

describe('members', () => {
  it('lists the members with their roles to every member', async () => {
    const owner = await signUp(app);
    const viewer = await addMember(app, db, owner, 'viewer');
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/members',
      headers: { cookie: viewer.cookie },
    });
    expect(response.statusCode).toBe(200);
    const members = response.json().data as TMember[];
    expect(
      members
        .map((m) => ({ userId: m.userId, email: m.email, role: m.role }))
        .sort((a, b) => a.role.localeCompare(b.role)),
    ).toEqual([
      { userId: userIdOf(owner), email: owner.email, role: 'owner' },
      { userId: userIdOf(viewer), email: viewer.email, role: 'viewer' },
    ]);
  });

  it('owners and admins change roles and remove members; others cannot', async () => {
    const owner = await signUp(app);
    const admin = await addMember(app, db, owner, 'admin');
    const manager = await addMember(app, db, owner, 'manager');
    const sales = await addMember(app, db, owner, 'sales');

    const changed = await setRole(owner, sales, 'support');
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ userId: userIdOf(sales), role: 'support' });
    expect((await setRole(admin, sales, 'marketing')).statusCode).toBe(200);

    // A manager has no users:manage; nobody below owner touches the owner role.
    expect(errorOf(await setRole(manager, sales, 'viewer'), 403).code).toBe('FORBIDDEN');
    expect(errorOf(await remove(manager, sales), 403).code).toBe('FORBIDDEN');
    expect(errorOf(await setRole(admin, sales, 'owner'), 403).code).toBe('FORBIDDEN');
    expect(errorOf(await setRole(admin, owner, 'viewer'), 403).code).toBe('FORBIDDEN');
    expect(errorOf(await remove(admin, owner), 403).code).toBe('FORBIDDEN');
    expect(errorOf(await setRole(sales, sales, 'admin'), 403).code).toBe('FORBIDDEN');

    expect(await rolesIn(owner)).toEqual({
      [userIdOf(owner)]: 'owner',
      [userIdOf(admin)]: 'admin',
      [userIdOf(manager)]: 'manager',
      [userIdOf(sales)]: 'marketing',
    });

    expect((await remove(admin, sales)).statusCode).toBe(204);
    expect(errorOf(await remove(admin, sales), 404).code).toBe('NOT_FOUND');
    // The removed member's session is refused at once, in this workspace and everywhere.
    const afterRemoval = await app.inject({
      method: 'GET',
      url: '/api/v1/people',
      headers: { cookie: sales.cookie },
    });
    expect(errorOf(afterRemoval, 401).code).toBe('UNAUTHENTICATED');
    expect(Object.keys(await rolesIn(owner))).not.toContain(userIdOf(sales));
  });

  it('refuses bad input and unknown members', async () => {
    const owner = await signUp(app);
    const viewer = await addMember(app, db, owner, 'viewer');
    const badRole = await setRole(owner, viewer, 'superuser');
    expect(errorOf(badRole, 400).details?.map((d) => d.path)).toEqual(['role']);
    const unknown = await app.inject({
      method: 'PATCH',
      url: '/api/v1/members/0190d2a4-0000-7000-8000-000000000000',
      headers: { cookie: owner.cookie },
      payload: { role: 'viewer' },
    });
    expect(errorOf(unknown, 404).code).toBe('NOT_FOUND');
  });

  it('keeps at least one owner: the last owner cannot be demoted or removed (409)', async () => {
    const owner = await signUp(app);
    const demoted = await setRole(owner, owner, 'admin');
    const error = errorOf(demoted, 409);
    expect(error.code).toBe('CONFLICT');
    expect(errorOf(await remove(owner, owner), 409).code).toBe('CONFLICT');
    expect(await rolesIn(owner)).toEqual({ [userIdOf(owner)]: 'owner' });

    // With a second owner, one of them may step down.
    const second = await addMember(app, db, owner, 'owner');
    expect((await setRole(second, owner, 'admin')).statusCode).toBe(200);
    expect(errorOf(await remove(second, second), 409).code).toBe('CONFLICT');
  });

  it('two owners demoting each other at the same moment leave exactly one owner (no deadlock)', async () => {
    for (let round = 0; round < 4; round++) {
      const first = await signUp(app);
      const second = await addMember(app, db, first, 'owner');
      const [a, b] = await Promise.all([setRole(first, second, 'admin'), setRole(second, first, 'admin')]);
      const statuses = [a.statusCode, b.statusCode].sort();
      // The loser is refused as the last owner (409), or as no longer an owner (403) when it
      // authenticated after the winner committed; never a 500.
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      const roles = Object.values(await rolesIn(a.statusCode === 200 ? first : second));
      expect(roles.sort()).toEqual(['admin', 'owner']);
    }
  });
});
