import type { TInvitation, TRole } from '@kap/shared';
import { canAssignRole } from '@kap/shared';
import { sql } from 'kysely';
import type { TDb } from '../../db/pool.ts';
import type { TTrx } from '../../db/tenant.ts';
import { assertCapability, type TActor } from '../../lib/actor.ts';
import { hashPassword, hashToken, newToken, verifyPassword } from '../../lib/crypto.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { recordAudit, recordSystemAudit } from '../audit/index.ts';
import { queueMail } from '../mail/index.ts';

const INVITATION_TTL_MS = 7 * 24 * 3600_000;

type TInvitationRow = {
  id: string;
  email: string;
  role: TRole;
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
};

const toInvitation = (row: TInvitationRow): TInvitation => ({
  id: row.id,
  email: row.email,
  role: row.role,
  invitedBy: row.invitedBy,
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt.toISOString(),
  acceptedAt: row.acceptedAt?.toISOString() ?? null,
});

const COLUMNS = ['id', 'email', 'role', 'invitedBy', 'createdAt', 'expiresAt', 'acceptedAt'] as const;

export async function listInvitations(trx: TTrx, actor: TActor): Promise<TInvitation[]> {
  assertCapability(actor, 'users:manage');
  const rows = await trx
    .selectFrom('invitations')
    .select(COLUMNS)
    .where('workspaceId', '=', actor.workspaceId)
    .where('revokedAt', 'is', null)
    .orderBy('createdAt', 'desc')
    .execute();
  return rows.map(toInvitation);
}

export async function createInvitation(
  trx: TTrx,
  actor: TActor,
  input: { email: string; role: TRole },
  appUrl: string,
): Promise<TInvitation> {
  assertCapability(actor, 'users:manage');
  if (!canAssignRole(actor.role, input.role)) throw forbidden('Only an owner can invite an owner');
  const alreadyMember = await trx
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select('m.userId')
    .where('m.workspaceId', '=', actor.workspaceId)
    .where(sql`lower(u.email)`, '=', input.email)
    .executeTakeFirst();
  if (alreadyMember) {
    throw new AppError('DUPLICATE', 'This person is already a member', [
      { path: 'email', message: 'Already a member of this workspace' },
    ]);
  }
  const token = newToken();
  const row = await trx
    .insertInto('invitations')
    .values({
      workspaceId: actor.workspaceId,
      id: newId(),
      email: input.email,
      role: input.role,
      tokenHash: hashToken(token),
      invitedBy: actor.userId,
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  const workspace = await trx
    .selectFrom('workspaces')
    .select('name')
    .where('id', '=', actor.workspaceId)
    .executeTakeFirstOrThrow();
  await queueMail(trx, {
    workspaceId: actor.workspaceId,
    to: input.email,
    subject: `${actor.name} invited you to ${workspace.name} on Kap`,
    text: [
      `${actor.name} invited you to join "${workspace.name}" on Kap as ${input.role}.`,
      '',
      `Accept the invitation: ${appUrl}/accept-invitation?token=${token}`,
      '',
      'The link is valid for 7 days.',
    ].join('\n'),
  });
  await recordAudit(trx, actor, {
    action: 'invitation.create',
    recordType: 'invitation',
    recordId: row.id,
    after: { email: input.email, role: input.role },
  });
  return toInvitation(row);
}

export async function revokeInvitation(trx: TTrx, actor: TActor, id: string): Promise<void> {
  assertCapability(actor, 'users:manage');
  const row = await trx
    .updateTable('invitations')
    .set({ revokedAt: new Date() })
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .returning(['email', 'role'])
    .executeTakeFirst();
  if (!row) throw notFound('Invitation');
  await recordAudit(trx, actor, {
    action: 'invitation.revoke',
    recordType: 'invitation',
    recordId: id,
    before: { email: row.email, role: row.role },
  });
}

/** `forUpdate` when accepting: a second accept of the same token waits, then finds it used. */
async function findOpenInvitation(db: TDb, token: string, forUpdate = false) {
  let query = db
    .selectFrom('invitations as i')
    .innerJoin('workspaces as w', 'w.id', 'i.workspaceId')
    .select(['i.id', 'i.workspaceId', 'i.email', 'i.role', 'w.name as workspaceName'])
    .where('i.tokenHash', '=', hashToken(token))
    .where('i.revokedAt', 'is', null)
    .where('i.acceptedAt', 'is', null)
    .where('i.expiresAt', '>', new Date());
  if (forUpdate) query = query.forUpdate('i');
  const row = await query.executeTakeFirst();
  if (!row) {
    throw new AppError('BAD_REQUEST', 'This invitation is invalid, used or expired', [
      { path: 'token', message: 'Invalid, used or expired invitation' },
    ]);
  }
  return row;
}

export async function previewInvitation(db: TDb, token: string) {
  const invitation = await findOpenInvitation(db, token);
  const user = await db
    .selectFrom('users')
    .select('id')
    .where(sql`lower(email)`, '=', invitation.email.toLowerCase())
    .executeTakeFirst();
  return {
    workspaceName: invitation.workspaceName,
    email: invitation.email,
    role: invitation.role,
    hasAccount: user !== undefined,
  };
}

/** New users set their name and password; existing users prove who they are with theirs. */
export async function acceptInvitation(
  db: TDb,
  input: { token: string; name?: string | undefined; password: string },
): Promise<{ userId: string; workspaceId: string }> {
  return db.transaction().execute(async (trx) => {
    const invitation = await findOpenInvitation(trx, input.token, true);
    const existing = await trx
      .selectFrom('users')
      .select(['id', 'passwordHash'])
      .where(sql`lower(email)`, '=', invitation.email.toLowerCase())
      .executeTakeFirst();
    let userId: string;
    if (existing) {
      if (!(await verifyPassword(input.password, existing.passwordHash))) {
        throw new AppError('INVALID_CREDENTIALS', 'Wrong password for this account', [
          { path: 'password', message: 'Wrong password' },
        ]);
      }
      userId = existing.id;
    } else {
      if (!input.name) {
        throw new AppError('VALIDATION_FAILED', 'Your name is required', [
          { path: 'name', message: 'Required' },
        ]);
      }
      if (input.password.length < 10) {
        throw new AppError('VALIDATION_FAILED', 'Use at least 10 characters', [
          { path: 'password', message: 'Use at least 10 characters' },
        ]);
      }
      userId = newId();
      await trx
        .insertInto('users')
        .values({
          id: userId,
          email: invitation.email,
          name: input.name,
          passwordHash: await hashPassword(input.password),
          locale: null,
        })
        .execute();
    }
    await trx
      .insertInto('memberships')
      .values({ workspaceId: invitation.workspaceId, userId, role: invitation.role })
      .onConflict((oc) => oc.columns(['workspaceId', 'userId']).doNothing())
      .execute();
    await trx
      .updateTable('invitations')
      .set({ acceptedAt: new Date() })
      .where('workspaceId', '=', invitation.workspaceId)
      .where('id', '=', invitation.id)
      .execute();
    await recordSystemAudit(trx, invitation.workspaceId, {
      action: 'invitation.accept',
      recordType: 'member',
      recordId: userId,
      after: { email: invitation.email, role: invitation.role },
    });
    return { userId, workspaceId: invitation.workspaceId };
  });
}
