import type { TDealsBulkRequest } from '@kap/shared';
import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, assertCanWrite, type TActor } from '../../lib/actor.ts';
import { compileFilter } from '../../lib/filters/index.ts';
import { isUuid, newId } from '../../lib/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { assertOwnerIsMember, invalid } from './deal-input.ts';
import { moveDealsToStage, SQL_UUID_V7 } from './deal-moves.ts';
import { ownerScope } from './deal-stats.service.ts';
import { loadDealFields } from './deals-filter-fields.ts';
import { selectStage } from './pipelines.repository.ts';

/**
 * Set owner or stage of many deals, set-based (one statement each): ids or a filter, scoped to
 * the deals the actor may see; a stage move writes history and audit per deal like a single move.
 */
export async function bulkUpdateDeals(trx: TTrx, actor: TActor, request: TDealsBulkRequest) {
  assertCanWrite(actor, 'deals');
  const ws = actor.workspaceId;
  const parts = [sql<boolean>`${ownerScope(actor, 'deals')}`];
  if (request.ids)
    parts.push(sql<boolean>`deals.id = any(${request.ids.map((id) => id.toLowerCase())}::uuid[])`);
  if (request.filter) {
    const where = compileFilter(request.filter, await loadDealFields(trx, ws), 'filter');
    // The filter may name the stage's probability (`s.`): give it the stage row.
    parts.push(
      sql<boolean>`exists (select 1 from pipeline_stages s where s.workspace_id = deals.workspace_id and s.id = deals.stage_id and ${where})`,
    );
  }
  const where = sql<boolean>`${sql.join(parts, sql` and `)}`;
  let affected: number;
  if (request.action === 'setStage') {
    const stageId = request.value ?? '';
    const stage = isUuid(stageId) ? await selectStage(trx, ws, stageId.toLowerCase()) : undefined;
    if (!stage) throw invalid('value', 'No such stage in this workspace');
    if (stage.kind === 'lost' && !request.lostReason)
      throw invalid('lostReason', 'Required when the deals are lost');
    affected = await moveDealsToStage(trx, actor, where, stage, request.lostReason ?? null);
  } else {
    const ownerId = request.value ?? null;
    if (ownerId !== null && !isUuid(ownerId)) throw invalid('value', 'Must be a user id or null');
    await assertOwnerIsMember(trx, actor, ownerId);
    const result = await sql<{ affected: number }>`
      with target as (
        select deals.id, deals.owner_id from deals
         where deals.workspace_id = ${ws}::uuid and ${where} and deals.owner_id is distinct from ${ownerId}::uuid
         for update
      ), changed as (
        update deals set owner_id = ${ownerId}::uuid, version = deals.version + 1, updated_at = now(),
               updated_by = ${actorId(actor)}
          from target t where deals.workspace_id = ${ws}::uuid and deals.id = t.id
        returning deals.id, t.owner_id as before_owner
      ), audit as (
        insert into audit_log (workspace_id, id, actor_type, actor_id, actor_name, action, record_type,
                               record_id, before, after, request_id)
        select ${ws}::uuid, ${SQL_UUID_V7}, ${actor.type}, ${actorId(actor)}, ${actor.name}, 'deal.update', 'deal',
               changed.id::text, jsonb_build_object('ownerId', changed.before_owner),
               jsonb_build_object('ownerId', ${ownerId}::text), ${actor.requestId}
          from changed
      )
      select count(*)::int as affected from changed`.execute(trx);
    affected = result.rows[0]?.affected ?? 0;
  }
  await recordAudit(trx, actor, {
    action: 'deal.bulkUpdate',
    recordType: 'deal',
    recordId: newId(),
    after: {
      action: request.action,
      value: request.value,
      affected,
      idCount: request.ids?.length ?? null,
      filter: request.filter ?? null,
    },
  });
  return { affected };
}
