import type { RawBuilder } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { PERSON_COLUMNS } from './people.repository.ts';
import { recordExtrasSql } from './person-companies.repository.ts';

/**
 * One person's row with what its API record needs besides (company links, the custom field keys
 * it may show), and `alongWith` (a scalar subquery of the caller's, e.g. the first timeline page),
 * in ONE statement: a detail page reads a person in one round trip.
 */
export async function selectPersonRecord<T>(
  trx: TTrx,
  workspaceId: string,
  id: string,
  includeArchivedFields: boolean,
  alongWith: RawBuilder<T>,
) {
  return trx
    .selectFrom('people')
    .select(PERSON_COLUMNS)
    .select(recordExtrasSql(workspaceId, includeArchivedFields))
    .select(alongWith.as('alongWith'))
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}
