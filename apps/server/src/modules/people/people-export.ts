import type { TPerson } from '@kap/shared';
import { type Expression, sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { assertCanRead, type TActor, visibleOwnerIdsOf } from '../../lib/actor.ts';
import { orderBySql } from '../../lib/filters/index.ts';
import { fetchInBatches } from '../../lib/sql-cursor.ts';
import { resolveListCriteria } from '../views/index.ts';
import { filterPeople, PERSON_COLUMNS, parseSort, SORT_EXPRESSIONS } from './people.repository.ts';
import { toPeople } from './person-view.ts';

/** What a list shows: a view and/or an explicit filter and sort, the search text, a selection. */
export type TRecordExportCriteria = {
  viewId?: string | undefined;
  /** A filter as the list's `filter` (any JSON; checked here, errors at `filter…`). */
  filter?: unknown;
  sort?: string | undefined;
  q?: string | undefined;
  ids?: readonly string[] | undefined;
};

/**
 * Every person the list shows for `criteria`, in the list's order, in batches read through a
 * server-side cursor: an export of any size holds one batch at a time. The criteria are checked
 * before this returns, so a bad filter or an unknown view fails before anything is streamed.
 */
export async function openPeopleExport(
  trx: TTrx,
  actor: TActor,
  criteria: TRecordExportCriteria,
  batchSize = 1000,
): Promise<AsyncGenerator<TPerson[], void, undefined>> {
  assertCanRead(actor, 'people');
  const resolved = await resolveListCriteria(trx, actor, 'person', {
    viewId: criteria.viewId,
    filter: criteria.filter === undefined ? undefined : JSON.stringify(criteria.filter),
    sort: criteria.sort,
  });
  const { ids } = criteria;
  let query = filterPeople(trx.selectFrom('people').select(PERSON_COLUMNS), {
    workspaceId: actor.workspaceId,
    visibleOwnerIds: visibleOwnerIdsOf(actor),
    q: criteria.q,
    where: resolved.where,
  });
  if (ids) query = query.where(sql<boolean>`people.id = any(${[...ids]}::uuid[])`);
  const sort = resolved.sort;
  if (typeof sort === 'string') {
    const { field, isDescending } = parseSort(sort);
    const direction = isDescending ? 'desc' : 'asc';
    query = query.orderBy(SORT_EXPRESSIONS[field] as Expression<string>, direction).orderBy('id', direction);
  } else {
    query = query.orderBy(orderBySql(sort, sql`people.id`));
  }
  return (async function* () {
    for await (const rows of fetchInBatches(trx, query, batchSize)) {
      yield await toPeople(trx, actor.workspaceId, rows);
    }
  })();
}
