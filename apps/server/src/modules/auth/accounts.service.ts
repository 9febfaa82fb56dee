import type { TMeResponse, TRole, TSignupRequest } from '@kap/shared';
import { sql } from 'kysely';
import type { TDb } from '../../db/pool.ts';
import type { TActor } from '../../lib/actor.ts';
import { DUMMY_PASSWORD_HASH, hashPassword, hashToken, newToken, verifyPassword } from '../../lib/crypto.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { recordSystemAudit } from '../audit/index.ts';
import { queueMail } from '../mail/index.ts';
import { findMembership, listUserWorkspaces } from '../workspaces/index.ts';
import { clearLoginFailures, startLoginAttempt } from './login-throttle.ts';

const SIGNUP_LOCK_KEY = 4_242_002;
const RESET_TTL_MS = 60 * 60_000;

export async function hasAnyWorkspace(db: TDb): Promise<boolean> {
  const row = await db.selectFrom('workspaces').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

async function findUserByEmail(db: TDb, email: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

/**
 * The first sign-up of an install creates its workspace and owner. Later ones are allowed only
 * on an open (hosted, multi-tenant) install; otherwise people join by invitation.
 */
export async function signUp(
  db: TDb,
  input: TSignupRequest,
  isOpenSignup: boolean,
): Promise<{ userId: string; workspaceId: string }> {
  return db.transaction().execute(async (trx) => {
    // Two first sign-ups at the same moment must not both become "the first".
    await sql`select pg_advisory_xact_lock(${SIGNUP_LOCK_KEY})`.execute(trx);
    if (!isOpenSignup && (await hasAnyWorkspace(trx))) {
      throw new AppError('SIGNUP_CLOSED', 'Sign-up is closed on this Kap; ask an admin for an invitation');
    }
    if (await findUserByEmail(trx, input.email)) {
      throw new AppError('DUPLICATE', 'An account with this email already exists; log in instead', [
        { path: 'email', message: 'Already registered' },
      ]);
    }
    const userId = newId();
    const workspaceId = newId();
    await trx
      .insertInto('users')
      .values({
        id: userId,
        email: input.email,
        name: input.name,
        passwordHash: await hashPassword(input.password),
        locale: input.locale ?? null,
      })
      .execute();
    await trx.insertInto('workspaces').values({ id: workspaceId, name: input.workspaceName }).execute();
    await trx.insertInto('memberships').values({ workspaceId, userId, role: 'owner' }).execute();
    await recordSystemAudit(trx, workspaceId, {
      action: 'workspace.create',
      recordType: 'workspace',
      recordId: workspaceId,
      after: { name: input.workspaceName, ownerId: userId, ownerEmail: input.email },
    });
    return { userId, workspaceId };
  });
}

export async function logIn(
  db: TDb,
  input: { email: string; password: string; workspaceId?: string | undefined },
  ip: string,
): Promise<{ userId: string; workspaceId: string }> {
  await startLoginAttempt(db, input.email, ip);
  const user = await findUserByEmail(db, input.email);
  const isValid = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !isValid) throw new AppError('INVALID_CREDENTIALS', 'Wrong email or password');
  await clearLoginFailures(db, input.email, ip);
  const workspaces = await listUserWorkspaces(db, user.id);
  const chosen = input.workspaceId ? workspaces.find((w) => w.id === input.workspaceId) : workspaces[0];
  if (!chosen) throw new AppError('FORBIDDEN', 'This account is not a member of any workspace');
  return { userId: user.id, workspaceId: chosen.id };
}

export async function getMe(db: TDb, actor: TActor): Promise<TMeResponse> {
  const workspace = await db
    .selectFrom('workspaces')
    .select(['id', 'name'])
    .where('id', '=', actor.workspaceId)
    .executeTakeFirstOrThrow();
  if (actor.type === 'apiKey') {
    return {
      user: null,
      apiKey: { id: actor.apiKeyId ?? '', name: actor.name },
      workspace,
      role: actor.role,
      workspaces: [{ ...workspace, role: actor.role }],
    };
  }
  const user = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'locale'])
    .where('id', '=', actor.userId ?? '')
    .executeTakeFirstOrThrow();
  return {
    user: { ...user, locale: (user.locale as 'en' | 'hy' | 'ka' | 'lt' | null) ?? null },
    apiKey: null,
    workspace,
    role: actor.role,
    workspaces: await listUserWorkspaces(db, user.id),
  };
}

export async function updateMe(
  db: TDb,
  actor: TActor,
  input: { name?: string | undefined; locale?: string | undefined },
): Promise<void> {
  if (actor.type !== 'user' || !actor.userId) throw new AppError('FORBIDDEN', 'API keys have no profile');
  if (input.name === undefined && input.locale === undefined) return;
  await db
    .updateTable('users')
    .set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.locale !== undefined && { locale: input.locale }),
      updatedAt: new Date(),
    })
    .where('id', '=', actor.userId)
    .execute();
}

/** The user's role in the workspace to switch to; 404 when they are not a member of it. */
export async function findSwitchTargetRole(db: TDb, actor: TActor, workspaceId: string): Promise<TRole> {
  if (actor.type !== 'user' || !actor.userId)
    throw new AppError('FORBIDDEN', 'API keys belong to one workspace');
  const membership = await findMembership(db, workspaceId, actor.userId);
  if (!membership) throw notFound('Workspace');
  return membership.role;
}

/** Always answers the same way, so it cannot be used to find out who has an account. */
export async function requestPasswordReset(db: TDb, email: string, appUrl: string): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user) return;
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('passwordResetTokens')
      .values({
        tokenHash: hashToken(token),
        userId: user.id,
        expiresAt: new Date(Date.now() + RESET_TTL_MS),
      })
      .execute();
    await queueMail(trx, {
      workspaceId: null,
      to: user.email,
      subject: 'Reset your Kap password',
      text: [
        `Hello ${user.name},`,
        '',
        `Set a new password: ${appUrl}/reset-password?token=${token}`,
        '',
        'The link is valid for one hour. If you did not ask for it, ignore this mail.',
      ].join('\n'),
    });
  });
}

/** A new password ends every session of the account. */
export async function confirmPasswordReset(db: TDb, token: string, password: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('passwordResetTokens')
      .set({ usedAt: new Date() })
      .where('tokenHash', '=', hashToken(token))
      .where('usedAt', 'is', null)
      .where('expiresAt', '>', new Date())
      .returning('userId')
      .executeTakeFirst();
    if (!row) {
      throw new AppError('BAD_REQUEST', 'This reset link is invalid, used or expired', [
        { path: 'token', message: 'Invalid, used or expired' },
      ]);
    }
    await trx
      .updateTable('users')
      .set({ passwordHash: await hashPassword(password), updatedAt: new Date() })
      .where('id', '=', row.userId)
      .execute();
    await trx.deleteFrom('sessions').where('userId', '=', row.userId).execute();
  });
}

/**
 * Adds an account straight into a workspace, without the invitation round trip: for operators
 * (`kap user create`) and the demo, who act on the install itself, so there is no actor to check.
 */
export async function createMemberAccount(
  db: TDb,
  input: { workspaceId: string; email: string; name: string; password: string; role: TRole },
): Promise<{ userId: string }> {
  return db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, input.email)) {
      throw new AppError('DUPLICATE', `An account with the email ${input.email} already exists`, [
        { path: 'email', message: 'Already registered' },
      ]);
    }
    const workspace = await trx
      .selectFrom('workspaces')
      .select('id')
      .where('id', '=', input.workspaceId)
      .executeTakeFirst();
    if (!workspace) throw notFound('Workspace');
    const userId = newId();
    const passwordHash = await hashPassword(input.password);
    await trx
      .insertInto('users')
      .values({ id: userId, email: input.email, name: input.name, passwordHash, locale: null })
      .execute();
    await trx
      .insertInto('memberships')
      .values({ workspaceId: input.workspaceId, userId, role: input.role })
      .execute();
    await recordSystemAudit(trx, input.workspaceId, {
      action: 'member.add',
      recordType: 'member',
      recordId: userId,
      after: { email: input.email, name: input.name, role: input.role },
    });
    return { userId };
  });
}
