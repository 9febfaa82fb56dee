import type { TTrx } from '../../db/tenant.ts';
import { type TActor, visibleOwnerIdsOf } from '../../lib/actor.ts';

/**
 * The ids of the companies the actor may see, as a subquery for another module's `where … in`
 * (orders of visible customers), so that it never reads this module's table itself. Null when
 * the actor sees every company of the workspace.
 */
export function selectVisibleCompanyIdsQuery(trx: TTrx, actor: TActor) {
  const owners = visibleOwnerIdsOf(actor);
  if (owners === null) return null;
  return trx
    .selectFrom('companies')
    .select('companies.id')
    .where('companies.workspaceId', '=', actor.workspaceId)
    .where('companies.ownerId', 'in', owners.length > 0 ? owners : [null]);
}
