import type { TViewObjectType } from '@kap/shared';
import type { Selectable } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import type { TViewsTable } from './views.table.ts';

export type TViewRow = Selectable<TViewsTable>;

/** Shared views and the user's own, by name: a workspace has tens of views, not thousands. */
export async function selectVisibleViews(
  trx: TTrx,
  workspaceId: string,
  userId: string | null,
  objectType: TViewObjectType | undefined,
): Promise<TViewRow[]> {
  let query = trx
    .selectFrom('views')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where((eb) =>
      userId ? eb.or([eb('isShared', '=', true), eb('ownerId', '=', userId)]) : eb('isShared', '=', true),
    );
  if (objectType) query = query.where('objectType', '=', objectType);
  return query.orderBy('name').orderBy('id').limit(1000).execute();
}

export async function selectView(trx: TTrx, workspaceId: string, id: string, forUpdate = false) {
  let query = trx.selectFrom('views').selectAll().where('workspaceId', '=', workspaceId).where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}
