import type { TRole } from '@kap/shared';
import { type RawBuilder, sql } from 'kysely';

/**
 * A member's role and teammates as SQL a caller embeds in its own query, so that authentication
 * reads the session and the membership in one round trip; the SQL over memberships stays here.
 * Both are null when the user is not (or no longer) a member of the workspace.
 */
export function selectMemberAccess(workspaceId: RawBuilder<string>, userId: RawBuilder<string>) {
  return {
    role: sql<TRole | null>`(select m.role from memberships m
      where m.workspace_id = ${workspaceId} and m.user_id = ${userId})`,
    teammateIds: sql<string[] | null>`(select array_agg(mate.user_id) from memberships me
      join memberships mate on mate.workspace_id = me.workspace_id and mate.team_id = me.team_id
      where me.workspace_id = ${workspaceId} and me.user_id = ${userId})`,
  };
}
