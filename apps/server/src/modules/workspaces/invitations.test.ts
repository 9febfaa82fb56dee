import type { TInvitation, TMember } from '@kap/shared';
import { describe, expect, it } from 'vitest';
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

const invite = (actor: TSession, email: string, role: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/invitations',
    headers: { cookie: actor.cookie },
    payload: { email, role },
  });

const accept = (payload: { token: string; name?: string; password: string }) =>
  app.inject({ method: 'POST', url: '/api/v1/invitations/accept', payload });

const preview = (token: string) =>
  app.inject({ method: 'GET', url: `/api/v1/invitations/preview?token=${encodeURIComponent(token)}` });

async function membersOf(session: TSession): Promise<TMember[]> {
  const response = await app.inject({
    method: 'GET',
    url: '/api/v1/members',
    headers: { cookie: session.cookie },
  });
  return response.json().data as TMember[];
}

describe('invitations', () => {
  it('an admin invites with a role; the mail is in the outbox; a new user accepts with name and password', async () => {
    const owner = await signUp(app, 'Invite Co');
    const admin = await addMember(app, db, owner, 'admin');
    const email = uniqueEmail('Invitee');
    const created = await invite(admin, email, 'marketing');
    expect(created.statusCode).toBe(201);
    const invitation = created.json() as TInvitation;
    expect(invitation).toMatchObject({
      email: email.toLowerCase(),
      role: 'marketing',
      invitedBy: admin.me.user?.id,
      acceptedAt: null,
    });
    expect(new Date(invitation.expiresAt).getTime() - Date.now()).toBeGreaterThan(6 * 24 * 3600_000);

    const mail = await db
      .selectFrom('mailOutbox')
      .select(['workspaceId', 'subject', 'textBody', 'sentAt'])
      .where('toAddress', '=', email.toLowerCase())
      .executeTakeFirstOrThrow();
    expect(mail.workspaceId).toBe(owner.me.workspace.id);
    expect(mail.subject).toContain('Invite Co');
    expect(mail.textBody).toContain('as marketing');
    const outbox = await app.inject({
      method: 'GET',
      url: '/api/v1/outbox',
      headers: { cookie: admin.cookie },
    });
    expect(outbox.json().data.map((m: { to: string }) => m.to)).toContain(email.toLowerCase());

    const listed = await app.inject({
      method: 'GET',
      url: '/api/v1/invitations',
      headers: { cookie: owner.cookie },
    });
    expect(listed.json().data.map((i: TInvitation) => i.id)).toContain(invitation.id);

    const token = await readTokenFromOutbox(db, email.toLowerCase(), 'accept-invitation');
    const previewed = await preview(token);
    expect(previewed.json()).toEqual({
      workspaceName: 'Invite Co',
      email: email.toLowerCase(),
      role: 'marketing',
      hasAccount: false,
    });

    // A new account needs a name and a real password; a failed attempt leaves the invitation usable.
    const noName = await accept({ token, password: 'a good long password' });
    expect(errorOf(noName, 400).details?.map((d) => d.path)).toEqual(['name']);
    const shortPassword = await accept({ token, name: 'New Person', password: 'short' });
    expect(errorOf(shortPassword, 400).details?.map((d) => d.path)).toEqual(['password']);

    const accepted = await accept({ token, name: 'New Person', password: 'a good long password' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      role: 'marketing',
      workspace: { id: owner.me.workspace.id },
      user: { name: 'New Person' },
    });
    expect(accepted.cookies.find((c) => c.name === 'kap_session')?.value).toBeTruthy();
    const member = (await membersOf(owner)).find((m) => m.email === email.toLowerCase());
    expect(member?.role).toBe('marketing');

    const after = await app.inject({
      method: 'GET',
      url: '/api/v1/invitations',
      headers: { cookie: owner.cookie },
    });
    const stored = (after.json().data as TInvitation[]).find((i) => i.id === invitation.id);
    expect(stored?.acceptedAt).not.toBeNull();

    // Used: it works only once.
    expect(errorOf(await accept({ token, name: 'Again', password: 'a good long password' }), 400).code).toBe(
      'BAD_REQUEST',
    );
    expect(errorOf(await preview(token), 400).code).toBe('BAD_REQUEST');
  });

  it('an existing user accepts with their own password (a wrong one is refused)', async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    expect((await invite(owner, other.email, 'support')).statusCode).toBe(201);
    const token = await readTokenFromOutbox(db, other.email, 'accept-invitation');
    expect((await preview(token)).json()).toMatchObject({ hasAccount: true, role: 'support' });

    const wrong = await accept({ token, password: 'not their password' });
    expect(errorOf(wrong, 401)).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      details: [{ path: 'password', message: 'Wrong password' }],
    });
    expect((await membersOf(owner)).map((m) => m.email)).not.toContain(other.email);

    const accepted = await accept({ token, name: 'Ignored Name', password: other.password });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ role: 'support', workspace: { id: owner.me.workspace.id } });
    expect(accepted.json().user.name).toBe(other.me.user?.name);
    expect(accepted.json().workspaces).toHaveLength(2);
    expect((await membersOf(owner)).find((m) => m.email === other.email)?.role).toBe('support');
  });

  it('a revoked or expired invitation cannot be used (400)', async () => {
    const owner = await signUp(app);
    const revokedEmail = uniqueEmail('revoked');
    const created = await invite(owner, revokedEmail, 'viewer');
    const token = await readTokenFromOutbox(db, revokedEmail, 'accept-invitation');
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/invitations/${created.json().id}`,
      headers: { cookie: owner.cookie },
    });
    expect(revoked.statusCode).toBe(204);
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/v1/invitations/${created.json().id}`,
      headers: { cookie: owner.cookie },
    });
    expect(errorOf(again, 404).code).toBe('NOT_FOUND');
    const listed = await app.inject({
      method: 'GET',
      url: '/api/v1/invitations',
      headers: { cookie: owner.cookie },
    });
    expect(listed.json().data).toEqual([]);
    expect(
      errorOf(await accept({ token, name: 'X', password: 'a good long password' }), 400).details,
    ).toEqual([{ path: 'token', message: 'Invalid, used or expired invitation' }]);

    const expiredEmail = uniqueEmail('expired');
    const expiring = await invite(owner, expiredEmail, 'viewer');
    await db
      .updateTable('invitations')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where('id', '=', expiring.json().id)
      .execute();
    const expiredToken = await readTokenFromOutbox(db, expiredEmail, 'accept-invitation');
    expect(
      errorOf(await accept({ token: expiredToken, name: 'X', password: 'a good long password' }), 400).code,
    ).toBe('BAD_REQUEST');
    expect(
      errorOf(await accept({ token: 'y'.repeat(43), name: 'X', password: 'a good long password' }), 400).code,
    ).toBe('BAD_REQUEST');
    expect((await membersOf(owner)).map((m) => m.email)).toEqual([owner.email]);
  });

  it('only owners invite owners; members without users:manage cannot invite or list', async () => {
    const owner = await signUp(app);
    const admin = await addMember(app, db, owner, 'admin');
    const manager = await addMember(app, db, owner, 'manager');
    const email = uniqueEmail('would-be-owner');
    expect(errorOf(await invite(admin, email, 'owner'), 403).code).toBe('FORBIDDEN');
    expect(await db.selectFrom('mailOutbox').select('id').where('toAddress', '=', email).execute()).toEqual(
      [],
    );
    expect(errorOf(await invite(manager, uniqueEmail(), 'viewer'), 403).code).toBe('FORBIDDEN');
    const listed = await app.inject({
      method: 'GET',
      url: '/api/v1/invitations',
      headers: { cookie: manager.cookie },
    });
    expect(errorOf(listed, 403).code).toBe('FORBIDDEN');
    expect((await invite(owner, email, 'owner')).statusCode).toBe(201);
  });

  it('refuses to invite a current member (409 naming `email`) and a malformed address (400)', async () => {
    const owner = await signUp(app);
    const duplicate = await invite(owner, owner.email.toUpperCase(), 'viewer');
    expect(errorOf(duplicate, 409).details?.map((d) => d.path)).toEqual(['email']);
    const malformed = await invite(owner, 'not-an-email', 'viewer');
    expect(errorOf(malformed, 400).details?.map((d) => d.path)).toEqual(['email']);
  });

  it('two accepts of one invitation at the same moment: one member, the other refused', async () => {
    const owner = await signUp(app);
    const email = uniqueEmail('double-click');
    await invite(owner, email, 'viewer');
    const token = await readTokenFromOutbox(db, email, 'accept-invitation');
    const replies = await Promise.all([
      accept({ token, name: 'Double', password: 'a good long password' }),
      accept({ token, name: 'Double', password: 'a good long password' }),
    ]);
    expect(replies.map((r) => r.statusCode).sort()).toEqual([200, 400]);
    expect((await membersOf(owner)).filter((m) => m.email === email)).toHaveLength(1);
  });
});
