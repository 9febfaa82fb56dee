import type { TPipelineStats } from '@kap/shared';
import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { assertCanRead, type TActor, visibleOwnerIdsOf } from '../../lib/actor.ts';
import { selectStages } from './pipelines.repository.ts';
import { getPipelineRow } from './pipelines.service.ts';

/** Deals the actor may see, as a condition on `alias`.owner_id (visibleOwnerIdsOf: null = all). */
export function ownerScope(actor: TActor, alias: string) {
  const owners = visibleOwnerIdsOf(actor);
  if (owners === null) return sql<boolean>`true`;
  return sql<boolean>`${sql.ref(`${alias}.owner_id`)} = any(${[...owners]}::uuid[])`;
}

type TStatsRow = {
  stageId: string;
  entered: number;
  advanced: number;
  won: number;
  completed: number;
  avgSeconds: string | null;
  medianSeconds: number | null;
};

const ratio = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

/**
 * Time in stage and conversion per stage, from the stage history (definitions in README.md).
 * A stay is one entry into a stage; it ends with the deal's next move (in any pipeline).
 */
export async function getPipelineStats(
  trx: TTrx,
  actor: TActor,
  pipelineId: string,
): Promise<TPipelineStats> {
  assertCanRead(actor, 'deals');
  const pipeline = await getPipelineRow(trx, actor, pipelineId);
  const stages = await selectStages(trx, actor.workspaceId, [pipeline.id]);
  const ws = actor.workspaceId;
  // One pass: number each deal's history, end each stay at the next move, and note for each stay
  // the furthest non-lost position the deal reached afterwards (a window, not a per-row subquery).
  const result = await sql<TStatsRow>`
    with stages as (
      select id, position, kind from pipeline_stages where workspace_id = ${ws}::uuid and pipeline_id = ${pipeline.id}::uuid
    ), scoped as (
      select d.id, d.status from deals d
       where d.workspace_id = ${ws}::uuid and ${ownerScope(actor, 'd')}
         and d.id in (select h.deal_id from deal_stage_history h
                       where h.workspace_id = ${ws}::uuid and h.pipeline_id = ${pipeline.id}::uuid)
    ), numbered as (
      select h.deal_id, h.to_stage_id, h.moved_at, d.status,
             row_number() over w as n, lead(h.moved_at) over w as left_at
        from deal_stage_history h join scoped d on d.id = h.deal_id
       where h.workspace_id = ${ws}::uuid
      window w as (partition by h.deal_id order by h.moved_at, h.id)
    ), stays as (
      select x.*, st.position,
             row_number() over (partition by x.deal_id, x.to_stage_id order by x.n) = 1 as is_first,
             max(case when st.kind <> 'lost' then st.position end)
               over (partition by x.deal_id order by x.n desc rows between unbounded preceding and 1 preceding)
               as best_after
        from numbered x join stages st on st.id = x.to_stage_id
    )
    select to_stage_id as "stageId",
           count(*) filter (where is_first)::int as entered,
           count(*) filter (where is_first and best_after > position)::int as advanced,
           count(*) filter (where is_first and status = 'won')::int as won,
           count(*) filter (where left_at is not null)::int as completed,
           (avg(extract(epoch from left_at - moved_at)) filter (where left_at is not null))::text as "avgSeconds",
           percentile_cont(0.5) within group (order by extract(epoch from left_at - moved_at))
             filter (where left_at is not null) as "medianSeconds"
      from stays group by to_stage_id`.execute(trx);
  const current = await sql<{ stageId: string; count: number }>`
    select stage_id as "stageId", count(*)::int as count from deals d
     where d.workspace_id = ${ws}::uuid and d.pipeline_id = ${pipeline.id}::uuid and ${ownerScope(actor, 'd')}
     group by stage_id`.execute(trx);
  const counts = new Map(current.rows.map((row) => [row.stageId, row.count]));
  const byStage = new Map(result.rows.map((row) => [row.stageId, row]));
  return {
    pipelineId: pipeline.id,
    stages: stages.map((stage) => {
      const row = byStage.get(stage.id);
      const entered = row?.entered ?? 0;
      return {
        stageId: stage.id,
        name: stage.name,
        kind: stage.kind,
        currentDeals: counts.get(stage.id) ?? 0,
        entered,
        advanced: row?.advanced ?? 0,
        won: row?.won ?? 0,
        conversionRate: stage.kind === 'open' ? ratio(row?.advanced ?? 0, entered) : null,
        winRate: ratio(row?.won ?? 0, entered),
        completedStays: row?.completed ?? 0,
        avgSecondsInStage: row?.avgSeconds == null ? null : Math.round(Number(row.avgSeconds) * 1000) / 1000,
        medianSecondsInStage: row?.medianSeconds == null ? null : Number(row.medianSeconds),
      };
    }),
  };
}
