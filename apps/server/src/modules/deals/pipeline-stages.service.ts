import type { TAddStageRequest, TPipeline } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { assertCapability, type TActor } from '../../lib/actor.ts';
import { notFound } from '../../lib/errors.ts';
import { invalid } from './deal-input.ts';
import { moveStageDeals } from './deal-moves.ts';
import { selectStages } from './pipelines.repository.ts';
import { getPipelineRow, updatePipeline } from './pipelines.service.ts';

// Stage operations as requests of their own; each ends in `updatePipeline` with the whole new
// stage list, so the checks (an open stage, no stage with deals removed) live in one place.

export async function addStage(
  trx: TTrx,
  actor: TActor,
  pipelineId: string,
  input: TAddStageRequest,
): Promise<TPipeline> {
  assertCapability(actor, 'settings:manage');
  const current = await getPipelineRow(trx, actor, pipelineId, true);
  const stages = await selectStages(trx, actor.workspaceId, [current.id]);
  const list = stages.map(({ id, name, probability, kind }) => ({ id, name, probability, kind }));
  const position = Math.min(input.position ?? list.length, list.length);
  list.splice(position, 0, { id: '', name: input.name, probability: input.probability, kind: input.kind });
  return updatePipeline(
    trx,
    actor,
    current.id,
    { stages: list.map((stage) => ({ ...stage, id: stage.id || undefined })) },
    null,
  );
}

export async function reorderStages(
  trx: TTrx,
  actor: TActor,
  pipelineId: string,
  stageIds: readonly string[],
  expectedVersion: number | null,
): Promise<TPipeline> {
  assertCapability(actor, 'settings:manage');
  const current = await getPipelineRow(trx, actor, pipelineId, true);
  const stages = await selectStages(trx, actor.workspaceId, [current.id]);
  const byId = new Map(stages.map((stage) => [stage.id, stage]));
  const wanted = stageIds.map((id) => id.toLowerCase());
  if (new Set(wanted).size !== stages.length || !wanted.every((id) => byId.has(id))) {
    throw invalid('stageIds', 'Must list every stage of the pipeline exactly once');
  }
  return updatePipeline(
    trx,
    actor,
    current.id,
    {
      stages: wanted.flatMap((id) => {
        const stage = byId.get(id);
        return stage ? [{ id, name: stage.name, probability: stage.probability, kind: stage.kind }] : [];
      }),
    },
    expectedVersion,
  );
}

/** Deletes a stage: refused (409) while it holds deals, unless `moveDealsTo` names where they go. */
export async function deleteStage(
  trx: TTrx,
  actor: TActor,
  pipelineId: string,
  stageId: string,
  moveDealsTo: string | undefined,
): Promise<TPipeline> {
  assertCapability(actor, 'settings:manage');
  const current = await getPipelineRow(trx, actor, pipelineId, true);
  const stages = await selectStages(trx, actor.workspaceId, [current.id]);
  const stage = stages.find((s) => s.id === stageId.toLowerCase());
  if (!stage) throw notFound('Stage');
  if (moveDealsTo !== undefined) {
    const target = stages.find((s) => s.id === moveDealsTo.toLowerCase());
    if (!target || target.id === stage.id) {
      throw invalid('query.moveDealsTo', 'Must be another stage of the same pipeline');
    }
    if (target.kind === 'lost')
      throw invalid('query.moveDealsTo', 'Deals cannot move to a lost stage in bulk: each needs its reason');
    await moveStageDeals(trx, actor, stage, target);
  }
  return updatePipeline(
    trx,
    actor,
    current.id,
    {
      stages: stages
        .filter((s) => s.id !== stage.id)
        .map(({ id, name, probability, kind }) => ({ id, name, probability, kind })),
    },
    null,
  );
}
