import type { TSearchResult } from '@kap/shared';
import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { type TActor, visibleOwnerIdsOf } from '../../lib/actor.ts';
import { isUuid } from '../../lib/ids.ts';

/** Global search's view of companies: the visible ones among `ids`, with a domain or industry. */
export async function findCompanySearchResults(
  trx: TTrx,
  actor: TActor,
  ids: readonly string[],
): Promise<Map<string, Omit<TSearchResult, 'type'>>> {
  const wanted = ids.filter(isUuid);
  if (wanted.length === 0) return new Map();
  let query = trx
    .selectFrom('companies')
    .select(['id', 'name', 'domains', 'industry'])
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', 'in', wanted);
  const owners = visibleOwnerIdsOf(actor);
  if (owners)
    query = owners.length > 0 ? query.where('ownerId', 'in', owners) : query.where(sql<boolean>`false`);
  const rows = await query.execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        title: row.name,
        subtitle: [row.domains[0], row.industry].filter(Boolean).join(' · ') || null,
      },
    ]),
  );
}
