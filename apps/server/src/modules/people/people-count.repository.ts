import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { filterPeople, type TPeopleFilter } from './people.repository.ts';

/**
 * How many people match, reading at most `cap + 1` of them: the inner `limit` lets PostgreSQL stop
 * early on a huge result, and selecting only a constant lets it answer from the index that
 * serves the conditions (workspace_id first) without fetching rows it need not check.
 */
export async function countPeopleUpTo(trx: TTrx, filter: TPeopleFilter, cap: number): Promise<number> {
  const matching = filterPeople(trx.selectFrom('people').select(sql<number>`1`.as('one')), filter)
    .limit(cap + 1)
    .as('matching');
  const row = await trx
    .selectFrom(matching)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}
