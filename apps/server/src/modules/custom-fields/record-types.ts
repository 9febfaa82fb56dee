import type { TCustomFieldObjectType } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';

/**
 * What custom fields need from a module whose records carry them. Each such module registers its
 * record type once (from its index.ts); relation fields and the purge of a deleted field then reach
 * people, companies and later deals or tickets without this module importing any of them.
 */
export type TRecordTypeHooks = {
  /** Which of `ids` are records of this type that the actor may see. */
  findVisibleIds: (trx: TTrx, actor: TActor, ids: readonly string[]) => Promise<Set<string>>;
  /** Removes a deleted field's values from every record of the workspace. */
  removeCustomFieldValues: (trx: TTrx, workspaceId: string, key: string) => Promise<void>;
};

const recordTypes = new Map<TCustomFieldObjectType, TRecordTypeHooks>();

export function registerRecordType(objectType: TCustomFieldObjectType, hooks: TRecordTypeHooks): void {
  recordTypes.set(objectType, hooks);
}

export function getRecordType(objectType: TCustomFieldObjectType): TRecordTypeHooks {
  const hooks = recordTypes.get(objectType);
  // A programming error (the module was never imported), not a client's.
  if (!hooks) throw new Error(`No module registered the record type "${objectType}"`);
  return hooks;
}

/** Records of `objectType` among `ids` that exist in the actor's workspace and are visible to them. */
export function findVisibleRecordIds(
  trx: TTrx,
  actor: TActor,
  objectType: TCustomFieldObjectType,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return Promise.resolve(new Set());
  return getRecordType(objectType).findVisibleIds(trx, actor, ids);
}
