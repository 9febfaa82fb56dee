import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import type { TIdentifierKind } from './people.table.ts';

export type TIdentifierMatch = { personId: string; kind: TIdentifierKind };
export type TNameMatch = { personId: string; score: number };

/** Others who share any email, phone or external id with the person: btree `=` probes only. */
export async function selectIdentifierMatches(
  trx: TTrx,
  workspaceId: string,
  personId: string,
): Promise<TIdentifierMatch[]> {
  const result = await sql<TIdentifierMatch>`
    select distinct other.person_id as "personId", other.kind
      from person_identifiers mine
      join person_identifiers other
        on other.workspace_id = mine.workspace_id and other.kind = mine.kind
       and other.source = mine.source and other.value = mine.value
     where mine.workspace_id = ${workspaceId} and mine.person_id = ${personId}::uuid
       and other.person_id <> ${personId}::uuid`.execute(trx);
  return result.rows;
}

/** The name compared for similarity: "first last", else the chosen display name. */
const nameOf = (alias: string) =>
  sql`lower(coalesce(nullif(btrim(concat_ws(' ', ${sql.ref(`${alias}.first_name`)}, ${sql.ref(`${alias}.last_name`)})), ''), ${sql.ref(`${alias}.display_name`)}, ''))`;

/**
 * People with a similar name (pg_trgm similarity ≥ `minScore`) in one of the person's companies
 * or in the same city. similarity() is not leakproof, so under row-level security it cannot drive
 * an index; the candidates are found first by indexed equality (person_companies by company,
 * people.address_city) and only they are compared. A big city is capped at `cityCap` candidates
 * (most recently updated first): enough for a "did you mean" hint, not an exhaustive scan.
 */
export async function selectNameMatches(
  trx: TTrx,
  workspaceId: string,
  personId: string,
  options: { minScore: number; limit: number; cityCap: number },
): Promise<TNameMatch[]> {
  const result = await sql<TNameMatch>`
    with me as (
      select ${nameOf('p')} as name, p.address_city
        from people p where p.workspace_id = ${workspaceId} and p.id = ${personId}::uuid
    ),
    candidates as (
      select theirs.person_id as id
        from person_companies mine
        join person_companies theirs
          on theirs.workspace_id = mine.workspace_id and theirs.company_id = mine.company_id
       where mine.workspace_id = ${workspaceId} and mine.person_id = ${personId}::uuid
      union
      (select p.id from people p, me
        where p.workspace_id = ${workspaceId} and me.address_city is not null
          and p.address_city = me.address_city
        order by p.updated_at desc
        limit ${options.cityCap})
    )
    select p.id as "personId", round(similarity(${nameOf('p')}, me.name)::numeric, 3)::float8 as score
      from candidates c
      join people p on p.workspace_id = ${workspaceId} and p.id = c.id
      cross join me
     where p.id <> ${personId}::uuid and me.name <> ''
       and similarity(${nameOf('p')}, me.name) >= ${options.minScore}
     order by score desc, p.id
     limit ${options.limit}`.execute(trx);
  return result.rows;
}

/** People who have any of these identifiers (emails lowercase, phones E.164, external ids). */
export async function selectPeopleByIdentifiers(
  trx: TTrx,
  workspaceId: string,
  identifiers: readonly { kind: TIdentifierKind; source: string; value: string }[],
): Promise<TIdentifierMatch[]> {
  if (identifiers.length === 0) return [];
  return trx
    .selectFrom('personIdentifiers')
    .select(['personId', 'kind'])
    .distinct()
    .where('workspaceId', '=', workspaceId)
    .where((eb) =>
      eb.or(
        identifiers.map((x) =>
          eb.and([eb('kind', '=', x.kind), eb('source', '=', x.source), eb('value', '=', x.value)]),
        ),
      ),
    )
    .execute();
}

/**
 * Like `selectNameMatches`, for a record not saved yet: its name, city (lowercase) and companies
 * are given. Same bounding of the candidates by indexed equality first.
 */
export async function selectNameMatchesFor(
  trx: TTrx,
  workspaceId: string,
  subject: { name: string; city: string | null; companyIds: readonly string[] },
  options: { minScore: number; limit: number; cityCap: number },
): Promise<TNameMatch[]> {
  if (subject.name === '' || (subject.city === null && subject.companyIds.length === 0)) return [];
  const result = await sql<TNameMatch>`
    with candidates as (
      select person_id as id from person_companies
       where workspace_id = ${workspaceId} and company_id = any(${[...subject.companyIds]}::uuid[])
      union
      (select id from people
        where workspace_id = ${workspaceId} and address_city = ${subject.city}
        order by updated_at desc
        limit ${options.cityCap})
    )
    select p.id as "personId", round(similarity(${nameOf('p')}, ${subject.name})::numeric, 3)::float8 as score
      from candidates c
      join people p on p.workspace_id = ${workspaceId} and p.id = c.id
     where similarity(${nameOf('p')}, ${subject.name}) >= ${options.minScore}
     order by score desc, p.id
     limit ${options.limit}`.execute(trx);
  return result.rows;
}

export type TIdentifierKey = { kind: string; source: string; value: string };
export type TIdentifierGroupRow = TIdentifierKey & { personIds: string[]; count: number; isLast: boolean };

/**
 * One window of the workspace's identifiers, in primary-key order from `from` (inclusive or not),
 * at most `scanLimit` rows: the values in it that two or more people share, plus the window's last
 * value (`isLast`), which may continue in the next window. Bounding the rows read, not the groups
 * found, keeps each request cheap however rare duplicates are; the caller pages by windows.
 * The keyset condition is spelled out with scalar comparisons (see `keysetAfter`).
 */
export async function selectIdentifierGroups(
  trx: TTrx,
  workspaceId: string,
  scanLimit: number,
  from: (TIdentifierKey & { isInclusive: boolean }) | null,
): Promise<{ groups: TIdentifierGroupRow[]; scanned: number; keys: number }> {
  const valueCondition = from?.isInclusive ? sql`value >= ${from.value}` : sql`value > ${from?.value ?? ''}`;
  const keyset = from
    ? sql`and (kind > ${from.kind} or (kind = ${from.kind} and (source > ${from.source}
          or (source = ${from.source} and ${valueCondition}))))`
    : sql``;
  const result = await sql<TIdentifierGroupRow & { scanned: number; keys: number }>`
    with win as (
      select kind, source, value, person_id from person_identifiers
       where workspace_id = ${workspaceId} ${keyset}
       order by kind, source, value, person_id
       limit ${scanLimit}
    ),
    last_key as (select kind, source, value from win order by kind desc, source desc, value desc limit 1),
    grouped as (
      select kind, source, value, array_agg(person_id order by person_id)::text[] as person_ids, count(*)::int as n
        from win group by kind, source, value
    )
    select g.kind, g.source, g.value, g.person_ids as "personIds", g.n as count,
           (g.kind = l.kind and g.source = l.source and g.value = l.value) as "isLast",
           (select count(*)::int from win) as scanned, (select count(*)::int from grouped) as keys
      from grouped g cross join last_key l
     where g.n > 1 or (g.kind = l.kind and g.source = l.source and g.value = l.value)
     order by g.kind, g.source, g.value`.execute(trx);
  const first = result.rows[0];
  return {
    groups: result.rows.map(({ scanned: _scanned, keys: _keys, ...group }) => group),
    scanned: first?.scanned ?? 0,
    keys: first?.keys ?? 0,
  };
}
