import type { TSearchResult } from '@kap/shared';
import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { type TActor, visibleOwnerIdsOf } from '../../lib/actor.ts';
import { isUuid } from '../../lib/ids.ts';
import type { TEmailValue, TPhoneValue } from './people.table.ts';

const primaryOf = <T extends { isPrimary?: boolean | undefined }>(items: readonly T[]): T | undefined =>
  items.find((item) => item.isPrimary) ?? items[0];

/** Global search's view of people: the visible ones among `ids`, titled as lists show them. */
export async function findPersonSearchResults(
  trx: TTrx,
  actor: TActor,
  ids: readonly string[],
): Promise<Map<string, Omit<TSearchResult, 'type'>>> {
  const wanted = ids.filter(isUuid);
  if (wanted.length === 0) return new Map();
  let query = trx
    .selectFrom('people')
    .select(['id', 'displayNameSort', 'emails', 'phones', 'jobTitle'])
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', 'in', wanted);
  const owners = visibleOwnerIdsOf(actor);
  if (owners)
    query = owners.length > 0 ? query.where('ownerId', 'in', owners) : query.where(sql<boolean>`false`);
  const rows = await query.execute();
  return new Map(
    rows.map((row) => {
      const email = primaryOf<TEmailValue>(row.emails)?.email;
      const phone = primaryOf<TPhoneValue>(row.phones)?.number;
      const subtitle = [email ?? phone, row.jobTitle].filter(Boolean).join(' · ') || null;
      return [row.id, { id: row.id, title: row.displayNameSort, subtitle }];
    }),
  );
}
