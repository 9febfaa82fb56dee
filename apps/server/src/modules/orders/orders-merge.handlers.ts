import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import { recordAudit } from '../audit/index.ts';
import type { TMergeMove } from '../merges/index.ts';
import { refreshPurchaseStats } from './purchase-stats.ts';

/**
 * Orders of merged people (or companies) move to the survivor; the merged records' stats go and
 * the survivor's are recomputed from all its orders, in the merge's transaction.
 */
export async function moveOrdersToSurvivor(trx: TTrx, actor: TActor, move: TMergeMove): Promise<number> {
  const column =
    move.recordType === 'person' ? 'person_id' : move.recordType === 'company' ? 'company_id' : null;
  if (!column || move.fromIds.length === 0) return 0;
  const moved = await sql<{ id: string; fromId: string }>`
    with target as (
      select id, ${sql.ref(column)} as from_id from orders
       where workspace_id = ${actor.workspaceId}::uuid and ${sql.ref(column)} = any(${[...move.fromIds]}::uuid[])
       for update
    )
    update orders o set ${sql.ref(column)} = ${move.toId}::uuid, version = o.version + 1, updated_at = now()
      from target t
     where o.workspace_id = ${actor.workspaceId}::uuid and o.id = t.id
    returning o.id, t.from_id as "fromId"`.execute(trx);
  for (const row of moved.rows) {
    await recordAudit(trx, actor, {
      action: 'order.update',
      recordType: 'order',
      recordId: row.id,
      before: { [move.recordType === 'person' ? 'personId' : 'companyId']: row.fromId },
      after: { [move.recordType === 'person' ? 'personId' : 'companyId']: move.toId },
    });
  }
  const ids = [...move.fromIds, move.toId];
  await refreshPurchaseStats(
    trx,
    actor.workspaceId,
    move.recordType === 'person' ? { personIds: ids, companyIds: [] } : { personIds: [], companyIds: ids },
  );
  return moved.rows.length;
}
