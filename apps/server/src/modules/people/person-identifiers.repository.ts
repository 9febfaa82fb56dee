import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import type { TIdentifierKind } from './people.table.ts';

export type TIdentifier = { kind: TIdentifierKind; source: string; value: string };

/** The person's identifiers become exactly `identifiers` (the caller has deduplicated them). */
export async function replaceIdentifiers(
  trx: TTrx,
  workspaceId: string,
  personId: string,
  identifiers: readonly TIdentifier[],
): Promise<void> {
  await trx
    .deleteFrom('personIdentifiers')
    .where('workspaceId', '=', workspaceId)
    .where('personId', '=', personId)
    .execute();
  if (identifiers.length === 0) return;
  await trx
    .insertInto('personIdentifiers')
    .values(identifiers.map((identifier) => ({ workspaceId, personId, ...identifier })))
    .execute();
}

/** External ids among `wanted` that already belong to someone other than `exceptPersonId`. */
export async function selectTakenExternalIds(
  trx: TTrx,
  workspaceId: string,
  wanted: readonly { source: string; id: string }[],
  exceptPersonId: string | null,
): Promise<{ source: string; value: string }[]> {
  if (wanted.length === 0) return [];
  let query = trx
    .selectFrom('personIdentifiers')
    .select(['source', 'value'])
    .where('workspaceId', '=', workspaceId)
    .where('kind', '=', 'externalId')
    .where((eb) => eb.or(wanted.map((w) => eb.and([eb('source', '=', w.source), eb('value', '=', w.id)]))));
  if (exceptPersonId) query = query.where('personId', '!=', exceptPersonId);
  return query.execute();
}

/** People of the workspace who have this email (lowercase), phone (E.164) or external id. */
export async function selectPersonIdsByIdentifier(
  trx: TTrx,
  workspaceId: string,
  identifier: TIdentifier,
): Promise<string[]> {
  const rows = await trx
    .selectFrom('personIdentifiers')
    .select('personId')
    .where('workspaceId', '=', workspaceId)
    .where('kind', '=', identifier.kind)
    .where('source', '=', identifier.source)
    .where('value', '=', identifier.value)
    .execute();
  return rows.map((row) => row.personId);
}

/**
 * Every person holding any of `identifiers`, in one query for a whole batch (event ingestion).
 * One index probe per identifier (the lateral subquery with `offset 0` is not flattened): a join
 * would let the planner hash the workspace's whole identifier table for a batch of a few hundred.
 * Several people may share an email or phone: each match is a row.
 */
export async function resolveIdentifiers(
  trx: TTrx,
  workspaceId: string,
  identifiers: readonly TIdentifier[],
): Promise<(TIdentifier & { personId: string })[]> {
  if (identifiers.length === 0) return [];
  const result = await sql<TIdentifier & { personId: string }>`
    select i.kind, i.source, i.value, i.person_id
      from unnest(${identifiers.map((i) => i.kind)}::text[], ${identifiers.map((i) => i.source)}::text[],
                  ${identifiers.map((i) => i.value)}::text[]) as w (kind, source, value)
     cross join lateral (
       select i.kind, i.source, i.value, i.person_id from person_identifiers i
        where i.workspace_id = ${workspaceId} and i.kind = w.kind and i.source = w.source and i.value = w.value
       offset 0) as i`.execute(trx);
  return result.rows;
}

/**
 * Rebuilds the lookup rows of every person in the workspace from their stored lists, for bulk
 * loaders that insert people rows directly (demo data). Phones count only when already written
 * internationally ("+…"): without the service there is no country to read the others with.
 */
export async function rebuildIdentifiers(trx: TTrx, workspaceId: string): Promise<void> {
  await trx.deleteFrom('personIdentifiers').where('workspaceId', '=', workspaceId).execute();
  await sql`
    insert into person_identifiers (workspace_id, kind, source, value, person_id)
    select p.workspace_id, 'email', '', lower(e.value ->> 'email'), p.id
      from people p, jsonb_array_elements(p.emails) e
     where p.workspace_id = ${workspaceId} and e.value ->> 'email' is not null
    union
    select p.workspace_id, 'phone', '', '+' || regexp_replace(ph.value ->> 'number', '\\D', '', 'g'), p.id
      from people p, jsonb_array_elements(p.phones) ph
     where p.workspace_id = ${workspaceId} and ph.value ->> 'number' like '+%'
    union
    select p.workspace_id, 'externalId', x.value ->> 'source', x.value ->> 'id', p.id
      from people p, jsonb_array_elements(p.external_ids) x
     where p.workspace_id = ${workspaceId} and x.value ->> 'id' is not null
    on conflict do nothing`.execute(trx);
}
