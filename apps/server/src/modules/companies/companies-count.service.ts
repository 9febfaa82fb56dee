import { RECORD_COUNT_CAP, type TCountCompaniesQuery, type TRecordCount } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { assertCanRead, type TActor } from '../../lib/actor.ts';
import { resolveListCriteria } from '../views/index.ts';
import { buildCompaniesFilter } from './companies.service.ts';
import { countCompaniesUpTo } from './companies-count.repository.ts';

/**
 * How many companies the list with these filters holds (the actor's visible records only): exact
 * up to RECORD_COUNT_CAP, then `{count: cap, isExact: false}`.
 */
export async function countCompanies(
  trx: TTrx,
  actor: TActor,
  query: TCountCompaniesQuery,
  customFieldFilters: Record<string, string> = {},
): Promise<TRecordCount> {
  assertCanRead(actor, 'companies');
  const criteria = await resolveListCriteria(trx, actor, 'company', {
    filter: query.filter,
    viewId: query.viewId,
  });
  const filter = await buildCompaniesFilter(trx, actor, query, customFieldFilters, criteria.where);
  const n = await countCompaniesUpTo(trx, filter, RECORD_COUNT_CAP);
  return n > RECORD_COUNT_CAP ? { count: RECORD_COUNT_CAP, isExact: false } : { count: n, isExact: true };
}
