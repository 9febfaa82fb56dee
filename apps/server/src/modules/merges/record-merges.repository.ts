import type { TTrx } from '../../db/tenant.ts';

/**
 * Records that `fromIds` now resolve to `toId`; ids that resolved to one of `fromIds` (earlier
 * merges) are repointed too, so resolving never follows a chain.
 */
export async function insertMergeRedirects(
  trx: TTrx,
  workspaceId: string,
  move: { recordType: string; fromIds: readonly string[]; toId: string; mergedBy: string },
): Promise<void> {
  if (move.fromIds.length === 0) return;
  await trx
    .updateTable('recordMerges')
    .set({ survivorId: move.toId })
    .where('workspaceId', '=', workspaceId)
    .where('recordType', '=', move.recordType)
    .where('survivorId', 'in', [...move.fromIds])
    .execute();
  await trx
    .insertInto('recordMerges')
    .values(
      move.fromIds.map((mergedId) => ({
        workspaceId,
        recordType: move.recordType,
        mergedId,
        survivorId: move.toId,
        mergedBy: move.mergedBy,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['workspaceId', 'recordType', 'mergedId']).doUpdateSet({ survivorId: move.toId }),
    )
    .execute();
}

export async function selectSurvivorId(
  trx: TTrx,
  workspaceId: string,
  recordType: string,
  mergedId: string,
): Promise<string | null> {
  const row = await trx
    .selectFrom('recordMerges')
    .select('survivorId')
    .where('workspaceId', '=', workspaceId)
    .where('recordType', '=', recordType)
    .where('mergedId', '=', mergedId)
    .executeTakeFirst();
  return row?.survivorId ?? null;
}
