import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  addMember,
  createFreshDatabase,
  createTestApp,
  errorOf,
  sessionCookieOf,
  signUp,
  uniqueAddress,
  uniqueEmail,
} from '../../../../../test/helpers.ts';

const { app, db } = await createTestApp();
// Variants of the app, built once for the file (their hooks close them after it).
const fresh = await createTestApp({ databaseUrl: await createFreshDatabase(), openSignup: false });
const closed = await createTestApp({ openSignup: false });
const proxied = await createTestApp({ trustProxy: true });
const shortLived = await createTestApp({ sessionTtlMs: 1000 });

const signupBody = (email = uniqueEmail()) => ({
  workspaceName: 'Signup workspace',
  name: 'Ana Owner',
  email,
  password: 'a long enough password',
});

describe('sign-up', () => {
  it('on a fresh install with sign-up closed: the first sign-up creates the workspace and its owner, later ones get 403', async () => {
    const before = await fresh.app.inject({ method: 'GET', url: '/api/v1/auth/status' });
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({ needsSetup: true, openSignup: false });

    // Two "first" sign-ups at the same moment: exactly one becomes the owner.
    const [a, b] = await Promise.all([
      fresh.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: signupBody() }),
      fresh.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: signupBody() }),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([201, 403]);
    const created = a.statusCode === 201 ? a : b;
    const refused = a.statusCode === 201 ? b : a;
    expect(errorOf(refused, 403).code).toBe('SIGNUP_CLOSED');
    const me = created.json();
    expect(me.role).toBe('owner');
    expect(me.workspace.name).toBe('Signup workspace');
    expect(me.workspaces).toEqual([{ id: me.workspace.id, name: 'Signup workspace', role: 'owner' }]);

    const workspaces = await fresh.db.selectFrom('workspaces').select(['id', 'name']).execute();
    expect(workspaces).toEqual([{ id: me.workspace.id, name: 'Signup workspace' }]);
    const memberships = await fresh.db.selectFrom('memberships').select(['userId', 'role']).execute();
    expect(memberships).toEqual([{ userId: me.user.id, role: 'owner' }]);

    const after = await fresh.app.inject({ method: 'GET', url: '/api/v1/auth/status' });
    expect(after.json()).toEqual({ needsSetup: false, openSignup: false });
    const later = await fresh.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: signupBody(),
    });
    expect(errorOf(later, 403).code).toBe('SIGNUP_CLOSED');
    expect(await fresh.db.selectFrom('users').select('id').execute()).toHaveLength(1);
  });

  it('with sign-up closed on a database that already has workspaces, refuses a new sign-up', async () => {
    await signUp(app); // makes sure the shared database has a workspace
    const status = await closed.app.inject({ method: 'GET', url: '/api/v1/auth/status' });
    expect(status.json()).toEqual({ needsSetup: false, openSignup: false });
    const email = uniqueEmail();
    const response = await closed.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: signupBody(email),
    });
    expect(errorOf(response, 403).code).toBe('SIGNUP_CLOSED');
    expect(response.cookies).toHaveLength(0);
    expect(await db.selectFrom('users').select('id').where('email', '=', email).execute()).toEqual([]);
  });

  it('with open sign-up, each sign-up gets its own workspace and an HttpOnly, SameSite=Lax session cookie', async () => {
    const email = uniqueEmail();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: signupBody(email),
    });
    expect(response.statusCode).toBe(201);
    const cookie = response.cookies.find((c) => c.name === 'kap_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(response.json()).toMatchObject({
      role: 'owner',
      user: { email, name: 'Ana Owner' },
      apiKey: null,
    });

    const other = await signUp(app);
    expect(other.me.workspace.id).not.toBe(response.json().workspace.id);

    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: sessionCookieOf(response) },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().workspace.id).toBe(response.json().workspace.id);
    expect(me.json().user.email).toBe(email);
  });

  it('marks the cookie Secure behind an HTTPS proxy', async () => {
    const response = await proxied.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      headers: { 'x-forwarded-proto': 'https' },
      payload: signupBody(),
    });
    expect(response.statusCode).toBe(201);
    expect(response.cookies.find((c) => c.name === 'kap_session')?.secure).toBe(true);
  });

  it('refuses a second account with the same email (any case) with 409 naming `email`', async () => {
    const email = uniqueEmail();
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: signupBody(email) }))
        .statusCode,
    ).toBe(201);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: signupBody(email.toUpperCase()),
    });
    const error = errorOf(again, 409);
    expect(error.code).toBe('DUPLICATE');
    expect(error.details?.map((d) => d.path)).toEqual(['email']);
    expect(
      await db.selectFrom('users').select('id').where(sql`lower(email)`, '=', email).execute(),
    ).toHaveLength(1);
  });

  it('names each invalid field', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { workspaceName: '', name: 'X', email: 'not-an-email', password: 'short' },
    });
    const error = errorOf(response, 400);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details?.map((d) => d.path).sort()).toEqual(['email', 'password', 'workspaceName']);
  });
});

describe('login and logout', () => {
  it('logs in with the right password, refuses a wrong one and an unknown account alike', async () => {
    const owner = await signUp(app);
    const remoteAddress = uniqueAddress();
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      payload: { email: owner.email.toUpperCase(), password: owner.password },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ role: 'owner', workspace: { id: owner.me.workspace.id } });
    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: sessionCookieOf(ok) },
    });
    expect(me.json().user.id).toBe(owner.me.user?.id);

    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      payload: { email: owner.email, password: 'not the password' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      payload: { email: uniqueEmail('nobody'), password: 'not the password' },
    });
    for (const response of [wrong, unknown]) {
      expect(errorOf(response, 401)).toMatchObject({
        code: 'INVALID_CREDENTIALS',
        message: 'Wrong email or password',
      });
      expect(response.cookies).toHaveLength(0);
    }
  });

  it('logout ends that session only: its cookie no longer works, another session does', async () => {
    const owner = await signUp(app);
    const second = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: uniqueAddress(),
      payload: { email: owner.email, password: owner.password },
    });
    const secondCookie = sessionCookieOf(second);
    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: owner.cookie },
    });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'kap_session');
    expect(cleared?.value).toBe('');
    const after = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: owner.cookie } });
    expect(errorOf(after, 401).code).toBe('UNAUTHENTICATED');
    const other = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: secondCookie } });
    expect(other.statusCode).toBe(200);
  });

  it('refuses requests without credentials, with a made-up cookie or a malformed Authorization header', async () => {
    for (const headers of [
      {},
      { cookie: 'kap_session=made-up' },
      { authorization: 'Basic abc' },
      { authorization: 'Bearer' },
    ]) {
      const response = await app.inject({ method: 'GET', url: '/api/v1/people', headers });
      expect(errorOf(response, 401).code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('sessions', () => {
  it('expire after the session lifetime (401), and the expired row is removed', async () => {
    const owner = await signUp(shortLived.app);
    const fresh = await shortLived.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: owner.cookie },
    });
    expect(fresh.statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const expired = await shortLived.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: owner.cookie },
    });
    expect(errorOf(expired, 401).code).toBe('UNAUTHENTICATED');
    const userId = owner.me.user?.id ?? '';
    expect(await db.selectFrom('sessions').select('id').where('userId', '=', userId).execute()).toEqual([]);
  });

  it('a session whose expiry passed in the database is refused', async () => {
    const owner = await signUp(app);
    const userId = owner.me.user?.id ?? '';
    const updated = await db
      .updateTable('sessions')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where('userId', '=', userId)
      .executeTakeFirst();
    expect(Number(updated.numUpdatedRows)).toBe(1);
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: owner.cookie },
    });
    expect(errorOf(response, 401).code).toBe('UNAUTHENTICATED');
  });

  it('answers many concurrent authenticated requests about the account (no connection-pool deadlock)', async () => {
    const owner = await signUp(app);
    const replies = await Promise.race([
      Promise.all(
        Array.from({ length: 12 }, () =>
          app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: owner.cookie } }),
        ),
      ),
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000)),
    ]);
    expect(replies).not.toBe('timeout');
    if (replies !== 'timeout') expect(replies.map((r) => r.statusCode)).toEqual(Array(12).fill(200));
  });
});

describe('the account', () => {
  it('changes its name and switches between its workspaces; not to a foreign one', async () => {
    const ownerA = await signUp(app, 'Workspace A');
    const ownerB = await signUp(app, 'Workspace B');
    // Invite A's owner into B as a viewer: the account now has two workspaces.
    const invite = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: { cookie: ownerB.cookie },
      payload: { email: ownerA.email, role: 'viewer' },
    });
    expect(invite.statusCode).toBe(201);
    const mail = await db
      .selectFrom('mailOutbox')
      .select('textBody')
      .where('toAddress', '=', ownerA.email)
      .executeTakeFirstOrThrow();
    const token = /accept-invitation\?token=([\w-]+)/.exec(mail.textBody)?.[1] ?? '';
    const accepted = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token, password: ownerA.password },
    });
    expect(accepted.statusCode).toBe(200);
    const renamed = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie: ownerA.cookie },
      payload: { name: 'Renamed Owner', locale: 'lt' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().user).toMatchObject({ name: 'Renamed Owner', locale: 'lt' });
    expect(
      renamed.json().workspaces.map((w: { name: string; role: string }) => `${w.name}:${w.role}`),
    ).toEqual(['Workspace A:owner', 'Workspace B:viewer']);

    const switched = await app.inject({
      method: 'POST',
      url: '/api/v1/me/workspace',
      headers: { cookie: ownerA.cookie },
      payload: { workspaceId: ownerB.me.workspace.id },
    });
    expect(switched.statusCode).toBe(200);
    expect(switched.json()).toMatchObject({ workspace: { id: ownerB.me.workspace.id }, role: 'viewer' });
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: ownerA.cookie } });
    expect(me.json()).toMatchObject({ workspace: { id: ownerB.me.workspace.id }, role: 'viewer' });

    const stranger = await signUp(app, 'Workspace C');
    const foreign = await app.inject({
      method: 'POST',
      url: '/api/v1/me/workspace',
      headers: { cookie: ownerA.cookie },
      payload: { workspaceId: stranger.me.workspace.id },
    });
    expect(errorOf(foreign, 404).code).toBe('NOT_FOUND');
    const still = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: ownerA.cookie } });
    expect(still.json().workspace.id).toBe(ownerB.me.workspace.id);
  });

  it('a member removed from the workspace loses access at once', async () => {
    const owner = await signUp(app);
    const member = await addMember(app, db, owner, 'support');
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/members/${member.me.user?.id}`,
      headers: { cookie: owner.cookie },
    });
    expect(removed.statusCode).toBe(204);
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/people',
      headers: { cookie: member.cookie },
    });
    expect(errorOf(response, 401).code).toBe('UNAUTHENTICATED');
  });
});
