import type { TCreatePipelineRequest, TPipeline, TStageKind, TUpdatePipelineRequest } from '@kap/shared';
import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, assertCanRead, assertCapability, type TActor } from '../../lib/actor.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { isUuid, newId } from '../../lib/ids.ts';
import { assertFreshVersion } from '../../lib/if-match.ts';
import { recordAudit } from '../audit/index.ts';
import {
  countDealsByStage,
  selectDefaultPipeline,
  selectPipeline,
  selectPipelines,
  selectStages,
  type TPipelineRow,
  type TStageRow,
} from './pipelines.repository.ts';

/** The pipeline a workspace starts with, created on first use. */
const DEFAULT_STAGES: { name: string; probability: number; kind: TStageKind }[] = [
  { name: 'Lead', probability: 10, kind: 'open' },
  { name: 'Qualified', probability: 25, kind: 'open' },
  { name: 'Proposal', probability: 50, kind: 'open' },
  { name: 'Negotiation', probability: 75, kind: 'open' },
  { name: 'Won', probability: 100, kind: 'won' },
  { name: 'Lost', probability: 0, kind: 'lost' },
];

export function toPipeline(row: TPipelineRow, stages: readonly TStageRow[]): TPipeline {
  return {
    id: row.id,
    name: row.name,
    isDefault: row.isDefault,
    stages: stages
      .filter((stage) => stage.pipelineId === row.id)
      .map((stage) => ({
        id: stage.id,
        name: stage.name,
        position: stage.position,
        probability: stage.probability,
        kind: stage.kind,
      })),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const snapshotOf = (pipeline: TPipeline) => ({
  name: pipeline.name,
  isDefault: pipeline.isDefault,
  stages: pipeline.stages.map(({ id, name, probability, kind }) => ({ id, name, probability, kind })),
});

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', `Invalid ${path}: ${message}`, [{ path, message }]);

async function insertStages(
  trx: TTrx,
  workspaceId: string,
  pipelineId: string,
  stages: readonly { id?: string | undefined; name: string; probability: number; kind: TStageKind }[],
): Promise<void> {
  if (stages.length === 0) return;
  await trx
    .insertInto('pipelineStages')
    .values(
      stages.map((stage, position) => ({
        workspaceId,
        id: stage.id ?? newId(),
        pipelineId,
        name: stage.name,
        position,
        probability: stage.probability,
        kind: stage.kind,
      })),
    )
    .execute();
}

function assertHasOpenStage(stages: readonly { kind: TStageKind }[]): void {
  if (!stages.some((stage) => stage.kind === 'open')) {
    throw invalid('stages', 'A pipeline needs at least one open stage');
  }
}

/**
 * The workspace's default pipeline, created (with the usual stages) the first time anyone needs
 * one. Two requests racing both try; the partial unique index lets one win and the other read it.
 */
export async function ensureDefaultPipeline(trx: TTrx, actor: TActor): Promise<TPipelineRow> {
  const existing = await selectDefaultPipeline(trx, actor.workspaceId);
  if (existing) return existing;
  const id = newId();
  const inserted = await trx
    .insertInto('pipelines')
    .values({
      workspaceId: actor.workspaceId,
      id,
      name: 'Sales pipeline',
      isDefault: true,
      createdBy: actorId(actor),
      updatedBy: actorId(actor),
    })
    .onConflict((oc) => oc.column('workspaceId').where('isDefault', '=', true).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!inserted) {
    const winner = await selectDefaultPipeline(trx, actor.workspaceId);
    if (!winner) throw new Error('Default pipeline vanished');
    return winner;
  }
  await insertStages(trx, actor.workspaceId, id, DEFAULT_STAGES);
  await recordAudit(trx, actor, {
    action: 'pipeline.create',
    recordType: 'pipeline',
    recordId: id,
    after: { name: inserted.name, isDefault: true, stages: DEFAULT_STAGES },
  });
  return inserted;
}

export async function listPipelines(trx: TTrx, actor: TActor): Promise<{ data: TPipeline[] }> {
  assertCanRead(actor, 'deals');
  await ensureDefaultPipeline(trx, actor);
  const rows = await selectPipelines(trx, actor.workspaceId);
  const stages = await selectStages(
    trx,
    actor.workspaceId,
    rows.map((row) => row.id),
  );
  return { data: rows.map((row) => toPipeline(row, stages)) };
}

export async function getPipelineRow(trx: TTrx, actor: TActor, id: string, forUpdate = false) {
  const row = isUuid(id)
    ? await selectPipeline(trx, actor.workspaceId, id.toLowerCase(), forUpdate)
    : undefined;
  if (!row) throw notFound('Pipeline');
  return row;
}

export async function getPipeline(trx: TTrx, actor: TActor, id: string): Promise<TPipeline> {
  assertCanRead(actor, 'deals');
  const row = await getPipelineRow(trx, actor, id);
  return toPipeline(row, await selectStages(trx, actor.workspaceId, [row.id]));
}

async function clearDefault(trx: TTrx, workspaceId: string, exceptId: string): Promise<void> {
  await trx
    .updateTable('pipelines')
    .set({ isDefault: false })
    .where('workspaceId', '=', workspaceId)
    .where('isDefault', '=', true)
    .where('id', '!=', exceptId)
    .execute();
}

export async function createPipeline(
  trx: TTrx,
  actor: TActor,
  input: TCreatePipelineRequest,
): Promise<TPipeline> {
  assertCapability(actor, 'settings:manage');
  assertHasOpenStage(input.stages);
  // The first pipeline of a workspace is the default whatever the request says.
  const hasDefault = (await selectDefaultPipeline(trx, actor.workspaceId)) !== undefined;
  const isDefault = input.isDefault === true || !hasDefault;
  const id = newId();
  if (isDefault) await clearDefault(trx, actor.workspaceId, id);
  const row = await trx
    .insertInto('pipelines')
    .values({
      workspaceId: actor.workspaceId,
      id,
      name: input.name,
      isDefault,
      createdBy: actorId(actor),
      updatedBy: actorId(actor),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await insertStages(trx, actor.workspaceId, id, input.stages);
  const pipeline = toPipeline(row, await selectStages(trx, actor.workspaceId, [id]));
  await recordAudit(trx, actor, {
    action: 'pipeline.create',
    recordType: 'pipeline',
    recordId: id,
    after: snapshotOf(pipeline),
  });
  return pipeline;
}

/**
 * Replaces the ordered stage list: given ids are kept (renamed, re-weighted, re-ordered), new
 * entries are added, stages left out are deleted — refused (409) while they hold deals.
 */
async function replaceStages(
  trx: TTrx,
  actor: TActor,
  pipelineId: string,
  current: readonly TStageRow[],
  stages: NonNullable<TUpdatePipelineRequest['stages']>,
): Promise<void> {
  const currentIds = new Set(current.map((stage) => stage.id));
  const seen = new Set<string>();
  for (const [index, stage] of stages.entries()) {
    if (!stage.id) continue;
    const id = stage.id.toLowerCase();
    if (!currentIds.has(id)) throw invalid(`stages.${index}.id`, 'Not a stage of this pipeline');
    if (seen.has(id)) throw invalid(`stages.${index}.id`, 'Listed twice');
    seen.add(id);
  }
  assertHasOpenStage(stages);
  const removed = current.filter((stage) => !seen.has(stage.id));
  const counts = await countDealsByStage(trx, actor.workspaceId, pipelineId);
  const busy = removed.find((stage) => (counts.get(stage.id) ?? 0) > 0);
  if (busy) {
    throw new AppError(
      'CONFLICT',
      `Stage "${busy.name}" still holds ${counts.get(busy.id)} deals; move them first (DELETE the stage with moveDealsTo)`,
    );
  }
  if (removed.length > 0) {
    await trx
      .deleteFrom('pipelineStages')
      .where('workspaceId', '=', actor.workspaceId)
      .where(
        'id',
        'in',
        removed.map((stage) => stage.id),
      )
      .execute();
  }
  for (const [position, stage] of stages.entries()) {
    if (!stage.id) continue;
    await trx
      .updateTable('pipelineStages')
      .set({ name: stage.name, probability: stage.probability, kind: stage.kind, position })
      .where('workspaceId', '=', actor.workspaceId)
      .where('id', '=', stage.id.toLowerCase())
      .execute();
  }
  const added = stages.flatMap((stage, position) => (stage.id ? [] : [{ ...stage, position }]));
  if (added.length > 0) {
    await trx
      .insertInto('pipelineStages')
      .values(
        added.map((stage) => ({
          workspaceId: actor.workspaceId,
          id: newId(),
          pipelineId,
          name: stage.name,
          position: stage.position,
          probability: stage.probability,
          kind: stage.kind,
        })),
      )
      .execute();
  }
  await syncDealStatuses(trx, actor, pipelineId);
}

/** A stage whose kind changed changes its deals' status (won ↔ open ↔ lost). */
async function syncDealStatuses(trx: TTrx, actor: TActor, pipelineId: string): Promise<void> {
  await sql`
    update deals set status = s.kind,
           closed_at = case when s.kind = 'open' then null else coalesce(deals.closed_at, now()) end,
           version = deals.version + 1, updated_at = now(), updated_by = ${actorId(actor)}
      from pipeline_stages s
     where s.workspace_id = deals.workspace_id and s.id = deals.stage_id
       and deals.workspace_id = ${actor.workspaceId}::uuid and deals.pipeline_id = ${pipelineId}::uuid
       and deals.status <> s.kind`.execute(trx);
}

async function touchPipeline(trx: TTrx, actor: TActor, row: TPipelineRow, name?: string) {
  return trx
    .updateTable('pipelines')
    .set({
      ...(name !== undefined && { name }),
      version: row.version + 1,
      updatedAt: new Date(),
      updatedBy: actorId(actor),
    })
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updatePipeline(
  trx: TTrx,
  actor: TActor,
  id: string,
  input: TUpdatePipelineRequest,
  expectedVersion: number | null,
): Promise<TPipeline> {
  assertCapability(actor, 'settings:manage');
  const current = await getPipelineRow(trx, actor, id, true);
  assertFreshVersion('pipeline', current.version, expectedVersion);
  const currentStages = await selectStages(trx, actor.workspaceId, [current.id]);
  const before = toPipeline(current, currentStages);
  if (input.stages) await replaceStages(trx, actor, current.id, currentStages, input.stages);
  if (input.isDefault) {
    await clearDefault(trx, actor.workspaceId, current.id);
    await trx
      .updateTable('pipelines')
      .set({ isDefault: true })
      .where('workspaceId', '=', actor.workspaceId)
      .where('id', '=', current.id)
      .execute();
  }
  const row = await touchPipeline(
    trx,
    actor,
    { ...current, isDefault: current.isDefault || !!input.isDefault },
    input.name,
  );
  const pipeline = toPipeline(row, await selectStages(trx, actor.workspaceId, [row.id]));
  await recordAudit(trx, actor, {
    action: 'pipeline.update',
    recordType: 'pipeline',
    recordId: row.id,
    before: snapshotOf(before),
    after: snapshotOf(pipeline),
  });
  return pipeline;
}

/** Deletes a pipeline without deals; the default one stays (make another the default first). */
export async function deletePipeline(
  trx: TTrx,
  actor: TActor,
  id: string,
  expectedVersion: number | null,
): Promise<void> {
  assertCapability(actor, 'settings:manage');
  const current = await getPipelineRow(trx, actor, id, true);
  assertFreshVersion('pipeline', current.version, expectedVersion);
  if (current.isDefault)
    throw new AppError('CONFLICT', 'The default pipeline cannot be deleted; make another the default first');
  const counts = await countDealsByStage(trx, actor.workspaceId, current.id);
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  if (total > 0) throw new AppError('CONFLICT', `This pipeline still holds ${total} deals`);
  const before = toPipeline(current, await selectStages(trx, actor.workspaceId, [current.id]));
  // Moves of deals that have since gone to another pipeline: that pipeline's stats no longer exist.
  await trx
    .deleteFrom('dealStageHistory')
    .where('workspaceId', '=', actor.workspaceId)
    .where('pipelineId', '=', current.id)
    .execute();
  await trx
    .deleteFrom('pipelines')
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', current.id)
    .execute();
  await recordAudit(trx, actor, {
    action: 'pipeline.delete',
    recordType: 'pipeline',
    recordId: current.id,
    before: snapshotOf(before),
  });
}
