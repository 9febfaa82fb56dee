import { DEFAULT_LIFECYCLE_STAGES, type TDefaultCountry, type TLifecycleStages } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { assertCapability, type TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/index.ts';

type TStage = TLifecycleStages['stages'][number];

async function selectSettings(trx: TTrx, workspaceId: string) {
  return trx
    .selectFrom('peopleSettings')
    .select(['defaultCountry', 'lifecycleStages'])
    .where('workspaceId', '=', workspaceId)
    .executeTakeFirst();
}

async function upsertSettings(
  trx: TTrx,
  workspaceId: string,
  values: { defaultCountry?: string | null; lifecycleStages?: TStage[] },
): Promise<void> {
  const stages = values.lifecycleStages ? JSON.stringify(values.lifecycleStages) : undefined;
  await trx
    .insertInto('peopleSettings')
    .values({ workspaceId, defaultCountry: values.defaultCountry ?? null, lifecycleStages: stages ?? null })
    .onConflict((oc) =>
      oc.column('workspaceId').doUpdateSet({
        ...(values.defaultCountry !== undefined && { defaultCountry: values.defaultCountry }),
        ...(stages !== undefined && { lifecycleStages: stages }),
        updatedAt: new Date(),
      }),
    )
    .execute();
}

/** The country that phone numbers typed without "+" belong to; null: such numbers are refused. */
export async function getDefaultCountry(trx: TTrx, workspaceId: string): Promise<string | null> {
  return (await selectSettings(trx, workspaceId))?.defaultCountry ?? null;
}

async function loadStages(trx: TTrx, workspaceId: string): Promise<TStage[]> {
  return (
    (await selectSettings(trx, workspaceId))?.lifecycleStages ??
    DEFAULT_LIFECYCLE_STAGES.map((s) => ({ ...s }))
  );
}

export async function getLifecycleStages(trx: TTrx, actor: TActor): Promise<TLifecycleStages> {
  return { stages: await loadStages(trx, actor.workspaceId) };
}

export async function assertLifecycleStage(
  trx: TTrx,
  workspaceId: string,
  key: string | null | undefined,
): Promise<void> {
  if (!key) return;
  if (!(await loadStages(trx, workspaceId)).some((stage) => stage.key === key)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Invalid lifecycleStage: "${key}" is not a lifecycle stage of this workspace`,
      [{ path: 'lifecycleStage', message: 'Not a lifecycle stage of this workspace' }],
    );
  }
}

/**
 * Replaces the stages (order = display order; labels may change freely). A stage that people are
 * still at cannot be removed: they would be left at a stage no list or form knows.
 */
export async function setLifecycleStages(
  trx: TTrx,
  actor: TActor,
  input: TLifecycleStages,
): Promise<TLifecycleStages> {
  assertCapability(actor, 'settings:manage');
  const before = await loadStages(trx, actor.workspaceId);
  const kept = new Set(input.stages.map((stage) => stage.key));
  const removed = before.map((stage) => stage.key).filter((key) => !kept.has(key));
  if (removed.length > 0) {
    const inUse = await trx
      .selectFrom('people')
      .select(['lifecycleStage', (eb) => eb.fn.countAll<number>().as('count')])
      .where('workspaceId', '=', actor.workspaceId)
      .where('lifecycleStage', 'in', removed)
      .groupBy('lifecycleStage')
      .execute();
    if (inUse.length > 0) {
      throw new AppError(
        'CONFLICT',
        'Some people are still at a stage you removed; move them to another stage first',
        inUse.map((row) => ({
          path: 'stages',
          message: `${row.count} ${Number(row.count) === 1 ? 'person is' : 'people are'} at "${row.lifecycleStage}"`,
        })),
      );
    }
  }
  await upsertSettings(trx, actor.workspaceId, { lifecycleStages: input.stages });
  await recordAudit(trx, actor, {
    action: 'settings.update',
    recordType: 'settings',
    recordId: 'lifecycleStages',
    before: { lifecycleStages: before },
    after: { lifecycleStages: input.stages },
  });
  return { stages: input.stages };
}

export async function getDefaultCountrySetting(trx: TTrx, actor: TActor): Promise<TDefaultCountry> {
  return { defaultCountry: await getDefaultCountry(trx, actor.workspaceId) };
}

/** Changes how numbers typed from now on are read; numbers already stored are E.164 and stay. */
export async function setDefaultCountry(
  trx: TTrx,
  actor: TActor,
  input: TDefaultCountry,
): Promise<TDefaultCountry> {
  assertCapability(actor, 'settings:manage');
  const before = await getDefaultCountry(trx, actor.workspaceId);
  await upsertSettings(trx, actor.workspaceId, { defaultCountry: input.defaultCountry });
  await recordAudit(trx, actor, {
    action: 'settings.update',
    recordType: 'settings',
    recordId: 'defaultCountry',
    before: { defaultCountry: before },
    after: { defaultCountry: input.defaultCountry },
  });
  return input;
}
