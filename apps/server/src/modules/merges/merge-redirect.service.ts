import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { selectSurvivorId } from './record-merges.repository.ts';

/** The record that `id` was merged into, or null when it never was. */
export function findSurvivorId(
  trx: TTrx,
  actor: TActor,
  recordType: string,
  id: string,
): Promise<string | null> {
  return isUuid(id)
    ? selectSurvivorId(trx, actor.workspaceId, recordType, id.toLowerCase())
    : Promise.resolve(null);
}

const isNotFound = (error: unknown) => error instanceof AppError && error.code === 'NOT_FOUND';

/**
 * Reads a record by id; a merged id reads its survivor instead (`mergedInto` says so). Only a
 * miss looks at the merges, so reading a live record costs nothing more.
 */
export async function readFollowingMerges<T>(
  trx: TTrx,
  actor: TActor,
  recordType: string,
  id: string,
  read: (id: string) => Promise<T>,
): Promise<{ record: T; mergedInto: string | null }> {
  try {
    return { record: await read(id), mergedInto: null };
  } catch (error) {
    if (!isNotFound(error)) throw error;
    const survivorId = await findSurvivorId(trx, actor, recordType, id);
    if (!survivorId) throw error;
    return { record: await read(survivorId), mergedInto: survivorId };
  }
}

/**
 * Runs a change (PATCH, DELETE) on a record; when the id is one that was merged away, the 404
 * becomes a 409 CONFLICT naming the survivor (details path `id`, header `Kap-Merged-Into`), so a
 * client with a stale id learns where the record went instead of silently editing another one.
 */
export async function changeRefusingMerged<T>(
  trx: TTrx,
  actor: TActor,
  recordType: string,
  id: string,
  change: () => Promise<T>,
): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (!isNotFound(error)) throw error;
    const survivorId = await findSurvivorId(trx, actor, recordType, id);
    if (!survivorId) throw error;
    throw new AppError(
      'CONFLICT',
      `This ${recordType} was merged into ${survivorId}; change that record instead`,
      [{ path: 'id', message: `Merged into ${survivorId}` }],
      { 'kap-merged-into': survivorId },
    );
  }
}
