import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { visibleFieldKeysSql } from '../custom-fields/index.ts';
import { PERSON_COLUMNS } from './people.repository.ts';
import { companyLinksSql } from './person-companies.repository.ts';

/**
 * One person's row with what its API record needs besides (company links, the custom field keys
 * it may show), in ONE statement: a detail page reads a person in one round trip.
 */
export async function selectPersonRecord(
  trx: TTrx,
  workspaceId: string,
  id: string,
  includeArchivedFields: boolean,
) {
  return trx
    .selectFrom('people')
    .select(PERSON_COLUMNS)
    .select(companyLinksSql(sql`people.workspace_id`, sql`people.id`).as('companyLinks'))
    .select(visibleFieldKeysSql(workspaceId, 'person', includeArchivedFields).as('visibleFieldKeys'))
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}
