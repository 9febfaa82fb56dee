import { type RawBuilder, sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { visibleFieldKeysSql } from '../custom-fields/index.ts';

export type TCompanyLinks = { companyIds: string[]; primaryCompanyId: string | null };

export const NO_LINKS: TCompanyLinks = { companyIds: [], primaryCompanyId: null };

/** The person's companies become exactly `links.companyIds`, in that order. */
export async function replaceCompanyLinks(
  trx: TTrx,
  workspaceId: string,
  personId: string,
  links: TCompanyLinks,
): Promise<void> {
  await trx
    .deleteFrom('personCompanies')
    .where('workspaceId', '=', workspaceId)
    .where('personId', '=', personId)
    .execute();
  if (links.companyIds.length === 0) return;
  await trx
    .insertInto('personCompanies')
    .values(
      links.companyIds.map((companyId, position) => ({
        workspaceId,
        personId,
        companyId,
        position,
        isPrimary: companyId === links.primaryCompanyId,
      })),
    )
    .execute();
}

/** The companies of each of `personIds` (one query for a whole page). */
export async function selectCompanyLinks(
  trx: TTrx,
  workspaceId: string,
  personIds: readonly string[],
): Promise<Map<string, TCompanyLinks>> {
  const links = new Map<string, TCompanyLinks>();
  if (personIds.length === 0) return links;
  const rows = await trx
    .selectFrom('personCompanies')
    .select(['personId', 'companyId', 'isPrimary'])
    .where('workspaceId', '=', workspaceId)
    // One array parameter, not one per id: a page of 50 is parsed and planned like a page of 1.
    .where('personId', '=', sql<string>`any(${personIds}::uuid[])`)
    .orderBy('personId')
    .orderBy('position')
    .orderBy('companyId')
    .execute();
  for (const row of rows) {
    const entry = links.get(row.personId) ?? { companyIds: [], primaryCompanyId: null };
    entry.companyIds.push(row.companyId);
    if (row.isPrimary) entry.primaryCompanyId = row.companyId;
    links.set(row.personId, entry);
  }
  return links;
}

/** Removes every link to the company; answers whose they were, so the caller can audit them. */
export async function deleteCompanyLinks(
  trx: TTrx,
  workspaceId: string,
  companyId: string,
): Promise<string[]> {
  const rows = await trx
    .deleteFrom('personCompanies')
    .where('workspaceId', '=', workspaceId)
    .where('companyId', '=', companyId)
    .returning('personId')
    .execute();
  return rows.map((row) => row.personId);
}

/** People whose primary company went away get their next company (by position) as primary. */
export async function promoteNextPrimary(
  trx: TTrx,
  workspaceId: string,
  personIds: readonly string[],
): Promise<void> {
  if (personIds.length === 0) return;
  await sql`
    update person_companies pc set is_primary = true
     where pc.workspace_id = ${workspaceId} and pc.person_id = any(${[...personIds]}::uuid[])
       and not exists (
         select 1 from person_companies other
          where other.workspace_id = pc.workspace_id and other.person_id = pc.person_id
            and (other.is_primary or (other.position, other.company_id) < (pc.position, pc.company_id)))`.execute(
    trx,
  );
}

/**
 * `selectCompanyLinks` and, in the same round trip, one more value (`alongWith`, a scalar
 * subquery such as the visible custom field keys): what turning rows into API records needs.
 */
export async function selectCompanyLinksWith<T>(
  trx: TTrx,
  workspaceId: string,
  personIds: readonly string[],
  alongWith: RawBuilder<T>,
): Promise<{ links: Map<string, TCompanyLinks>; value: T }> {
  const { rows } = await sql<{ value: T; personId: string | null; companyId: string; isPrimary: boolean }>`
    select a.value, pc.person_id, pc.company_id, pc.is_primary
      from (select ${alongWith} as value) a
      left join person_companies pc on pc.workspace_id = ${workspaceId} and pc.person_id = any(${personIds}::uuid[])
     order by pc.person_id, pc.position, pc.company_id`.execute(trx);
  const links = new Map<string, TCompanyLinks>();
  for (const row of rows) {
    if (!row.personId) continue;
    const entry = links.get(row.personId) ?? { companyIds: [], primaryCompanyId: null };
    entry.companyIds.push(row.companyId);
    if (row.isPrimary) entry.primaryCompanyId = row.companyId;
    links.set(row.personId, entry);
  }
  return { links, value: rows[0]?.value as T };
}

/**
 * A person's company links as one JSON value, in their order: a correlated subquery, so that the
 * person's own row brings them (one round trip for a record). `workspaceId` and `personId` are
 * the outer row's columns.
 */
export function companyLinksSql(
  workspaceId: RawBuilder<string>,
  personId: RawBuilder<string>,
): RawBuilder<{ companyId: string; isPrimary: boolean }[]> {
  return sql`(select coalesce(json_agg(json_build_object('companyId', pc.company_id, 'isPrimary', pc.is_primary)
                                       order by pc.position, pc.company_id), '[]')
                from person_companies pc where pc.workspace_id = ${workspaceId} and pc.person_id = ${personId})`;
}

/**
 * What a `people` row needs to become an API record, as two more columns of its select: its
 * company links (`companyLinksSql`) and the custom field keys responses show (the same for every
 * row; an uncorrelated subquery, so PostgreSQL reads it once).
 */
export function recordExtrasSql(workspaceId: string, includeArchivedFields: boolean) {
  return [
    companyLinksSql(sql`people.workspace_id`, sql`people.id`).as('companyLinks'),
    visibleFieldKeysSql(workspaceId, 'person', includeArchivedFields).as('visibleFieldKeys'),
  ] as const;
}

/** The JSON of `companyLinksSql` as links. */
export function toCompanyLinks(links: readonly { companyId: string; isPrimary: boolean }[]): TCompanyLinks {
  return {
    companyIds: links.map((link) => link.companyId),
    primaryCompanyId: links.find((link) => link.isPrimary)?.companyId ?? null,
  };
}
