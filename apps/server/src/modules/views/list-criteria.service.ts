import type { TViewObjectType } from '@kap/shared';
import type { RawBuilder } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import { compileFilter, cursorOf, parseFilterParam, type TNullableSort } from '../../lib/filters/index.ts';
import { getViewTarget, resolveSort } from './view-targets.ts';
import { getVisibleView } from './views.service.ts';

export type TListCriteria = {
  where: RawBuilder<boolean> | undefined;
  sort: string | TNullableSort;
  cursorOf: (row: { sortValue: string | null; id: string }) => unknown[];
};

/**
 * The filter and sort a list runs: explicit `filter`/`sort` parameters, else those of the view
 * named by `viewId`, else none and the default sort. Field definitions are loaded only when a
 * filter or a non-indexed sort needs them, so plain list pages cost no extra query.
 */
export async function resolveListCriteria(
  trx: TTrx,
  actor: TActor,
  objectType: TViewObjectType,
  query: { filter?: string | undefined; sort?: string | undefined; viewId?: string | undefined },
): Promise<TListCriteria> {
  const target = getViewTarget(objectType);
  const view = query.viewId ? await getVisibleView(trx, actor, query.viewId, objectType) : null;
  const filter =
    query.filter !== undefined
      ? { value: parseFilterParam(query.filter), path: 'filter' }
      : view?.filter
        ? { value: view.filter, path: 'view.filter' }
        : null;
  const sortText = query.sort ?? view?.sort ?? target.defaultSort;
  const sortPath = query.sort !== undefined ? 'query.sort' : 'view.sort';
  const sortName = sortText.startsWith('-') ? sortText.slice(1) : sortText;
  const needsFields = filter !== null || !target.isIndexedSort(sortName);
  const fields = needsFields ? await target.loadFields(trx, actor.workspaceId) : null;
  const sort = resolveSort(target, fields, sortText, sortPath);
  return {
    where: filter && fields ? compileFilter(filter.value, fields, filter.path) : undefined,
    sort,
    cursorOf:
      typeof sort === 'string' ? (row) => [row.sortValue, row.id] : (row) => cursorOf(row.sortValue, row.id),
  };
}
