import type { TEventsSettings } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, assertCapability, type TActor } from '../../lib/actor.ts';
import { recordAudit } from '../audit/index.ts';

/** The workspace's event settings (defaults when never set). */
export async function loadEventsSettings(trx: TTrx, workspaceId: string): Promise<TEventsSettings> {
  const row = await trx
    .selectFrom('eventsSettings')
    .select('createUnknownPeople')
    .where('workspaceId', '=', workspaceId)
    .executeTakeFirst();
  return { createUnknownPeople: row?.createUnknownPeople ?? false };
}

export async function getEventsSettings(trx: TTrx, actor: TActor): Promise<TEventsSettings> {
  return loadEventsSettings(trx, actor.workspaceId);
}

export async function setEventsSettings(
  trx: TTrx,
  actor: TActor,
  input: TEventsSettings,
): Promise<TEventsSettings> {
  assertCapability(actor, 'settings:manage');
  const before = await loadEventsSettings(trx, actor.workspaceId);
  await trx
    .insertInto('eventsSettings')
    .values({
      workspaceId: actor.workspaceId,
      createUnknownPeople: input.createUnknownPeople,
      updatedBy: actorId(actor),
    })
    .onConflict((oc) =>
      oc.column('workspaceId').doUpdateSet({
        createUnknownPeople: input.createUnknownPeople,
        updatedAt: new Date(),
        updatedBy: actorId(actor),
      }),
    )
    .execute();
  await recordAudit(trx, actor, {
    action: 'eventsSettings.update',
    recordType: 'eventsSettings',
    recordId: actor.workspaceId,
    before: { ...before },
    after: { ...input },
  });
  return input;
}
