import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { filterCompanies, type TCompaniesFilter } from './companies.repository.ts';

/**
 * How many companies match, reading at most `cap + 1` of them: the inner `limit` lets PostgreSQL stop
 * early on a huge result, and selecting only a constant lets it answer from the index that
 * serves the conditions (workspace_id first) without fetching rows it need not check.
 */
export async function countCompaniesUpTo(trx: TTrx, filter: TCompaniesFilter, cap: number): Promise<number> {
  const matching = filterCompanies(trx.selectFrom('companies').select(sql<number>`1`.as('one')), filter)
    .limit(cap + 1)
    .as('matching');
  const row = await trx
    .selectFrom(matching)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}
