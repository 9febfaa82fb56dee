import type { Selectable } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import type { TPipelineStagesTable, TPipelinesTable } from './deals.table.ts';

export type TPipelineRow = Selectable<TPipelinesTable>;
export type TStageRow = Selectable<TPipelineStagesTable>;

export async function selectPipelines(trx: TTrx, workspaceId: string): Promise<TPipelineRow[]> {
  return trx
    .selectFrom('pipelines')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .orderBy('isDefault', 'desc')
    .orderBy('position')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function selectPipeline(
  trx: TTrx,
  workspaceId: string,
  id: string,
  forUpdate = false,
): Promise<TPipelineRow | undefined> {
  let query = trx
    .selectFrom('pipelines')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function selectDefaultPipeline(
  trx: TTrx,
  workspaceId: string,
): Promise<TPipelineRow | undefined> {
  return trx
    .selectFrom('pipelines')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('isDefault', '=', true)
    .executeTakeFirst();
}

/** Stages of the given pipelines, in board order. */
export async function selectStages(
  trx: TTrx,
  workspaceId: string,
  pipelineIds: readonly string[],
): Promise<TStageRow[]> {
  if (pipelineIds.length === 0) return [];
  return trx
    .selectFrom('pipelineStages')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('pipelineId', 'in', pipelineIds)
    .orderBy('pipelineId')
    .orderBy('position')
    .execute();
}

export async function selectStage(
  trx: TTrx,
  workspaceId: string,
  id: string,
): Promise<TStageRow | undefined> {
  return trx
    .selectFrom('pipelineStages')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** How many deals each of the pipeline's stages holds (stages without deals are absent). */
export async function countDealsByStage(
  trx: TTrx,
  workspaceId: string,
  pipelineId: string,
): Promise<Map<string, number>> {
  const rows = await trx
    .selectFrom('deals')
    .select(['stageId', (eb) => eb.fn.countAll<number>().as('count')])
    .where('workspaceId', '=', workspaceId)
    .where('pipelineId', '=', pipelineId)
    .groupBy('stageId')
    .execute();
  return new Map(rows.map((row) => [row.stageId, Number(row.count)]));
}
