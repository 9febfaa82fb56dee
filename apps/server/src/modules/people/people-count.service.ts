import { RECORD_COUNT_CAP, type TCountPeopleQuery, type TRecordCount } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { assertCanRead, type TActor } from '../../lib/actor.ts';
import { resolveListCriteria } from '../views/index.ts';
import { countPeopleUpTo } from './people-count.repository.ts';
import { buildPeopleFilter } from './people-list.service.ts';

/**
 * How many people the list with these filters holds (the actor's visible records only): exact up
 * to RECORD_COUNT_CAP, then `{count: cap, isExact: false}` so that a count never scans a million rows.
 */
export async function countPeople(
  trx: TTrx,
  actor: TActor,
  query: TCountPeopleQuery,
  customFieldFilters: Record<string, string> = {},
): Promise<TRecordCount> {
  assertCanRead(actor, 'people');
  const criteria = await resolveListCriteria(trx, actor, 'person', {
    filter: query.filter,
    viewId: query.viewId,
  });
  const filter = await buildPeopleFilter(trx, actor, query, customFieldFilters, criteria.where);
  const n = await countPeopleUpTo(trx, filter, RECORD_COUNT_CAP);
  return n > RECORD_COUNT_CAP ? { count: RECORD_COUNT_CAP, isExact: false } : { count: n, isExact: true };
}
