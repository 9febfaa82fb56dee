import type { TTeam } from '@kap/shared';
import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { assertCapability, type TActor } from '../../lib/actor.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { recordAudit } from '../audit/index.ts';

export async function listTeams(trx: TTrx, actor: TActor): Promise<TTeam[]> {
  const teams = await trx
    .selectFrom('teams')
    .select(['id', 'name', 'createdAt'])
    .where('workspaceId', '=', actor.workspaceId)
    .orderBy('name')
    .execute();
  const members = await trx
    .selectFrom('memberships')
    .select(['userId', 'teamId'])
    .where('workspaceId', '=', actor.workspaceId)
    .where('teamId', 'is not', null)
    .execute();
  return teams.map((team) => ({
    id: team.id,
    name: team.name,
    memberIds: members.filter((m) => m.teamId === team.id).map((m) => m.userId),
    createdAt: team.createdAt.toISOString(),
  }));
}

async function getTeam(trx: TTrx, actor: TActor, id: string): Promise<TTeam> {
  const team = (await listTeams(trx, actor)).find((t) => t.id === id);
  if (!team) throw notFound('Team');
  return team;
}

async function assertNameFree(trx: TTrx, actor: TActor, name: string, exceptId?: string): Promise<void> {
  let query = trx
    .selectFrom('teams')
    .select('id')
    .where('workspaceId', '=', actor.workspaceId)
    .where(sql`lower(name)`, '=', name.toLowerCase());
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) {
    throw new AppError('DUPLICATE', 'A team with this name exists', [
      { path: 'name', message: 'Already taken' },
    ]);
  }
}

export async function createTeam(trx: TTrx, actor: TActor, input: { name: string }): Promise<TTeam> {
  assertCapability(actor, 'users:manage');
  await assertNameFree(trx, actor, input.name);
  const id = newId();
  await trx.insertInto('teams').values({ workspaceId: actor.workspaceId, id, name: input.name }).execute();
  await recordAudit(trx, actor, {
    action: 'team.create',
    recordType: 'team',
    recordId: id,
    after: { name: input.name },
  });
  return getTeam(trx, actor, id);
}

export async function renameTeam(
  trx: TTrx,
  actor: TActor,
  id: string,
  input: { name: string },
): Promise<TTeam> {
  assertCapability(actor, 'users:manage');
  const before = await getTeam(trx, actor, id);
  await assertNameFree(trx, actor, input.name, id);
  await trx
    .updateTable('teams')
    .set({ name: input.name })
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', id)
    .execute();
  await recordAudit(trx, actor, {
    action: 'team.update',
    recordType: 'team',
    recordId: id,
    before: { name: before.name },
    after: { name: input.name },
  });
  return getTeam(trx, actor, id);
}

/** Its members stay in the workspace, without a team. */
export async function deleteTeam(trx: TTrx, actor: TActor, id: string): Promise<void> {
  assertCapability(actor, 'users:manage');
  const before = await getTeam(trx, actor, id);
  await trx.deleteFrom('teams').where('workspaceId', '=', actor.workspaceId).where('id', '=', id).execute();
  await recordAudit(trx, actor, {
    action: 'team.delete',
    recordType: 'team',
    recordId: id,
    before: { name: before.name, memberIds: before.memberIds },
  });
}

export async function setMemberTeam(
  trx: TTrx,
  actor: TActor,
  userId: string,
  teamId: string | null,
): Promise<void> {
  assertCapability(actor, 'users:manage');
  if (teamId) await getTeam(trx, actor, teamId);
  const before = await trx
    .selectFrom('memberships')
    .select('teamId')
    .where('workspaceId', '=', actor.workspaceId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  if (!before) throw notFound('Member');
  await trx
    .updateTable('memberships')
    .set({ teamId })
    .where('workspaceId', '=', actor.workspaceId)
    .where('userId', '=', userId)
    .execute();
  await recordAudit(trx, actor, {
    action: 'member.update',
    recordType: 'member',
    recordId: userId,
    before: { teamId: before.teamId },
    after: { teamId },
  });
}
