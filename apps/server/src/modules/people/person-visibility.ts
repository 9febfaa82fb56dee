import type { TTrx } from '../../db/tenant.ts';
import { type TActor, visibleOwnerIdsOf } from '../../lib/actor.ts';

/**
 * The ids of the people the actor may see, as a subquery for another module's `where … in`
 * (orders of visible customers), so that it never reads this module's table itself. Null when
 * the actor sees every person of the workspace.
 */
export function selectVisiblePersonIdsQuery(trx: TTrx, actor: TActor) {
  const owners = visibleOwnerIdsOf(actor);
  if (owners === null) return null;
  return trx
    .selectFrom('people')
    .select('people.id')
    .where('people.workspaceId', '=', actor.workspaceId)
    .where('people.ownerId', 'in', owners.length > 0 ? owners : [null]);
}
