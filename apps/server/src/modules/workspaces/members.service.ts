import type { TMember, TRole } from '@kap/shared';
import { canAssignRole } from '@kap/shared';
import { sql } from 'kysely';
import type { TDb } from '../../db/pool.ts';
import type { TTrx } from '../../db/tenant.ts';
import { assertCapability, type TActor } from '../../lib/actor.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { recordAudit } from '../audit/index.ts';

export async function listMembers(trx: TTrx, actor: TActor): Promise<TMember[]> {
  const rows = await trx
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['m.userId', 'u.name', 'u.email', 'm.role', 'm.teamId', 'm.createdAt'])
    .where('m.workspaceId', '=', actor.workspaceId)
    .orderBy('u.name')
    .execute();
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

/** A membership as seen before any workspace context exists (authentication, login). */
export async function findMembership(
  db: TDb,
  workspaceId: string,
  userId: string,
): Promise<{ role: TRole } | undefined> {
  return db
    .selectFrom('memberships')
    .select('role')
    .where('workspaceId', '=', workspaceId)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

export async function listUserWorkspaces(
  db: TDb,
  userId: string,
): Promise<{ id: string; name: string; role: TRole }[]> {
  return db
    .selectFrom('memberships as m')
    .innerJoin('workspaces as w', 'w.id', 'm.workspaceId')
    .select(['w.id', 'w.name', 'm.role'])
    .where('m.userId', '=', userId)
    .orderBy('m.createdAt')
    .execute();
}

export async function isMember(trx: TTrx, workspaceId: string, userId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('memberships')
    .select('userId')
    .where('workspaceId', '=', workspaceId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Role changes and removals in one workspace run one at a time: two owners demoting each other at
 * once would otherwise lock each other's rows in opposite order (a deadlock, 500) or race.
 */
async function lockMemberships(trx: TTrx, actor: TActor): Promise<void> {
  const key = `memberships:${actor.workspaceId}`;
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}

async function getMemberRole(trx: TTrx, actor: TActor, userId: string): Promise<TRole> {
  const row = await trx
    .selectFrom('memberships')
    .select('role')
    .where('workspaceId', '=', actor.workspaceId)
    .where('userId', '=', userId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('Member');
  return row.role;
}

async function assertNotLastOwner(trx: TTrx, actor: TActor, userId: string): Promise<void> {
  const owners = await trx
    .selectFrom('memberships')
    .select('userId')
    .where('workspaceId', '=', actor.workspaceId)
    .where('role', '=', 'owner')
    .forUpdate()
    .execute();
  if (owners.length === 1 && owners[0]?.userId === userId) {
    throw new AppError('CONFLICT', 'A workspace needs at least one owner', [
      { path: 'role', message: 'The last owner cannot be changed or removed' },
    ]);
  }
}

export async function updateMemberRole(
  trx: TTrx,
  actor: TActor,
  userId: string,
  role: TRole,
): Promise<TMember> {
  assertCapability(actor, 'users:manage');
  await lockMemberships(trx, actor);
  const current = await getMemberRole(trx, actor, userId);
  if (!canAssignRole(actor.role, role) || !canAssignRole(actor.role, current)) {
    throw forbidden('Only an owner can grant or change the owner role');
  }
  if (current === 'owner' && role !== 'owner') await assertNotLastOwner(trx, actor, userId);
  await trx
    .updateTable('memberships')
    .set({ role })
    .where('workspaceId', '=', actor.workspaceId)
    .where('userId', '=', userId)
    .execute();
  await recordAudit(trx, actor, {
    action: 'member.update',
    recordType: 'member',
    recordId: userId,
    before: { role: current },
    after: { role },
  });
  const member = (await listMembers(trx, actor)).find((m) => m.userId === userId);
  if (!member) throw notFound('Member');
  return member;
}

export async function removeMember(trx: TTrx, actor: TActor, userId: string): Promise<void> {
  assertCapability(actor, 'users:manage');
  await lockMemberships(trx, actor);
  const current = await getMemberRole(trx, actor, userId);
  if (!canAssignRole(actor.role, current)) throw forbidden('Only an owner can remove an owner');
  if (current === 'owner') await assertNotLastOwner(trx, actor, userId);
  await trx
    .deleteFrom('memberships')
    .where('workspaceId', '=', actor.workspaceId)
    .where('userId', '=', userId)
    .execute();
  await recordAudit(trx, actor, {
    action: 'member.remove',
    recordType: 'member',
    recordId: userId,
    before: { role: current },
  });
}

/** Operator tools (the `kap` CLI) name a workspace by id or by its exact, unambiguous name. */
export async function findWorkspaceByIdOrName(
  db: TDb,
  ref: string,
): Promise<{ id: string; name: string } | undefined> {
  const query = db.selectFrom('workspaces').select(['id', 'name']).orderBy('createdAt').limit(2);
  const matches = isUuid(ref)
    ? await query.where('id', '=', ref).execute()
    : await query.where('name', '=', ref).execute();
  if (matches.length > 1) {
    throw new AppError('CONFLICT', `More than one workspace is called "${ref}"; name it by id instead`);
  }
  return matches[0];
}

/** The install's first workspace: the one the first sign-up created. */
export async function findFirstWorkspace(db: TDb): Promise<{ id: string; name: string } | undefined> {
  return db
    .selectFrom('workspaces')
    .select(['id', 'name'])
    .orderBy('createdAt')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** Members oldest first, so whatever is spread across them comes out the same way each time. */
export async function listMemberRoles(
  db: TDb,
  workspaceId: string,
): Promise<{ userId: string; role: TRole }[]> {
  return db
    .selectFrom('memberships')
    .select(['userId', 'role'])
    .where('workspaceId', '=', workspaceId)
    .orderBy('createdAt')
    .orderBy('userId')
    .execute();
}
