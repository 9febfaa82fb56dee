import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, type TActor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import type { TStageRow } from './pipelines.repository.ts';

/** Who moved a deal, as the history keeps it (like the audit log: the name as it was then). */
const moverOf = (actor: TActor) => ({
  movedBy: actorId(actor),
  movedByType: actor.type,
  movedByName: actor.name,
});

/** One move (or a deal's creation: `fromStageId` null) into the history, in the caller's transaction. */
export async function insertStageMove(
  trx: TTrx,
  actor: TActor,
  move: { dealId: string; pipelineId: string; fromStageId: string | null; toStageId: string; movedAt: Date },
): Promise<void> {
  await trx
    .insertInto('dealStageHistory')
    .values({ workspaceId: actor.workspaceId, id: newId(), ...move, ...moverOf(actor) })
    .execute();
}

// UUIDv7 in SQL, as lib/filters/bulk-sql.ts: history and audit ids stay time-ordered.
export const SQL_UUID_V7 = sql`encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;

/**
 * Moves every deal of `from` to `to` (a stage being deleted), set-based: the deals, one history
 * row and one audit entry each, in one statement.
 */
export async function moveStageDeals(
  trx: TTrx,
  actor: TActor,
  from: TStageRow,
  to: TStageRow,
): Promise<number> {
  return moveDealsToStage(trx, actor, sql<boolean>`deals.stage_id = ${from.id}::uuid`, to, null);
}

/**
 * Moves the deals matching `where` (already scoped by the caller to what the actor may change) to
 * `to`, skipping those already there: status follows the stage's kind, each move is recorded in the
 * history and audited (`deal.move`), versions bump. Answers how many moved.
 */
export async function moveDealsToStage(
  trx: TTrx,
  actor: TActor,
  where: ReturnType<typeof sql<boolean>>,
  to: TStageRow,
  lostReason: string | null,
): Promise<number> {
  const mover = moverOf(actor);
  const result = await sql<{ moved: number }>`
    with target as (
      select deals.id, deals.stage_id as from_stage_id, deals.status as from_status
        from deals
       where deals.workspace_id = ${actor.workspaceId}::uuid and ${where}
         and deals.stage_id <> ${to.id}::uuid
       for update
    ), moved as (
      update deals set
             stage_id = ${to.id}::uuid, pipeline_id = ${to.pipelineId}::uuid, status = ${to.kind},
             lost_reason = case when ${to.kind} = 'lost' then ${lostReason}::text else null end,
             closed_at = case when ${to.kind} = 'open' then null else coalesce(deals.closed_at, now()) end,
             stage_entered_at = now(), version = deals.version + 1, updated_at = now(),
             updated_by = ${actorId(actor)}
        from target t
       where deals.workspace_id = ${actor.workspaceId}::uuid and deals.id = t.id
      returning deals.id, t.from_stage_id, t.from_status
    ), history as (
      insert into deal_stage_history
             (workspace_id, id, deal_id, pipeline_id, from_stage_id, to_stage_id, moved_at, moved_by,
              moved_by_type, moved_by_name)
      select ${actor.workspaceId}::uuid, ${SQL_UUID_V7}, moved.id, ${to.pipelineId}::uuid, moved.from_stage_id,
             ${to.id}::uuid, now(), ${mover.movedBy}, ${mover.movedByType}, ${mover.movedByName}
        from moved
    ), audit as (
      insert into audit_log
             (workspace_id, id, actor_type, actor_id, actor_name, action, record_type, record_id, before,
              after, request_id)
      select ${actor.workspaceId}::uuid, ${SQL_UUID_V7}, ${actor.type}, ${actorId(actor)}, ${actor.name},
             'deal.move', 'deal', moved.id::text,
             jsonb_build_object('stageId', moved.from_stage_id, 'status', moved.from_status),
             jsonb_build_object('stageId', ${to.id}::text, 'status', ${to.kind}::text), ${actor.requestId}
        from moved
    )
    select count(*)::int as moved from moved`.execute(trx);
  return result.rows[0]?.moved ?? 0;
}
