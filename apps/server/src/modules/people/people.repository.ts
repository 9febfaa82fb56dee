import type { SelectQueryBuilder } from 'kysely';
import { type Expression, type RawBuilder, type Selectable, sql } from 'kysely';
import type { TDatabase } from '../../db/database.ts';
import type { TTrx } from '../../db/tenant.ts';
import {
  nullableKeysetAfter,
  orderBySql,
  selectIndexedSortPage,
  sortValueSql,
  type TNullableSort,
} from '../../lib/filters/index.ts';
import { isUuid } from '../../lib/ids.ts';
import { decodeCursor, keysetAfter } from '../../lib/pagination.ts';
import type { TIdentifierKind, TPeopleTable } from './people.table.ts';
import { matchesPeopleSearch } from './people-search-condition.ts';
import { recordExtrasSql } from './person-companies.repository.ts';

export const PERSON_COLUMNS = [
  'workspaceId',
  'id',
  'firstName',
  'lastName',
  'displayName',
  'displayNameSort',
  'emails',
  'phones',
  'addresses',
  'birthDate',
  'gender',
  'preferredLanguage',
  'preferredChannel',
  'timezone',
  'jobTitle',
  'lifecycleStage',
  'leadSource',
  'tags',
  'interests',
  'preferences',
  'externalIds',
  'customFields',
  'ownerId',
  'version',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
] as const;

export type TPersonRow = Pick<Selectable<TPeopleTable>, (typeof PERSON_COLUMNS)[number]>;

export const SORT_EXPRESSIONS = {
  createdAt: sql<string>`people.created_at`,
  updatedAt: sql<string>`people.updated_at`,
  firstName: sql<string>`people.first_name_sort`,
  lastName: sql<string>`people.last_name_sort`,
  displayName: sql<string>`people.display_name_sort`,
} as const;

type TSortField = keyof typeof SORT_EXPRESSIONS;

/** The sorts that have their own (workspace, column, id) index and never-null values. */
export const isIndexedSort = (field: string): field is TSortField => Object.hasOwn(SORT_EXPRESSIONS, field);

const CURSOR_TIME_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A real instant in the cursor's format (no 30 February, no year 0), so PostgreSQL accepts it. */
function isCursorTime(value: string): boolean {
  if (!CURSOR_TIME.test(value) || value < '0001') return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 23) === value.slice(0, 23);
}

export function parseSort(sort: string): { field: TSortField; isDescending: boolean } {
  const isDescending = sort.startsWith('-');
  return { field: (isDescending ? sort.slice(1) : sort) as TSortField, isDescending };
}

export type TIdentifierFilter = { kind: TIdentifierKind; source: string; value: string };

export type TPeopleFilter = {
  workspaceId: string;
  ownerId?: string | undefined;
  /** Record scope "own": only people this user owns. */
  /** The owners whose records the actor sees (null: all), from `visibleOwnerIdsOf`. */
  visibleOwnerIds?: readonly string[] | null | undefined;
  q?: string | undefined;
  companyId?: string | undefined;
  lifecycleStage?: string | undefined;
  tag?: string | undefined;
  identifier?: TIdentifierFilter | undefined;
  /** A jsonb document the person's custom fields must contain. */
  customFields?: Record<string, unknown> | null | undefined;
  /** A compiled `filter` (lib/filters). */
  where?: RawBuilder<boolean> | undefined;
};

/**
 * One keyset page. The sort value travels in the cursor as text that keeps timestamps'
 * microseconds, so the next page starts exactly after the last row. Links and identifiers are
 * matched through `id in (…)` on their own btree indexes: plain `=` conditions, which row-level
 * security lets into index scans.
 */
export async function selectPeoplePage(
  trx: TTrx,
  filter: TPeopleFilter,
  sort: string | TNullableSort,
  limit: number,
  cursor: string | undefined,
  includeArchivedFields = false,
) {
  // What the API records need besides the rows come in the same statement (person-view.ts).
  const extras = recordExtrasSql(filter.workspaceId, includeArchivedFields);
  if (typeof sort !== 'string') return selectPeoplePageBy(trx, filter, sort, limit, cursor, extras);
  const { field, isDescending } = parseSort(sort);
  const expr = SORT_EXPRESSIONS[field];
  const isTime = field === 'createdAt' || field === 'updatedAt';
  const castType = isTime ? 'timestamptz' : 'text';
  // Times travel as ISO 8601 UTC with microseconds: exact, and independent of the session's
  // DateStyle and TimeZone, so that a cursor can be checked before it reaches PostgreSQL.
  const cursorValue = isTime
    ? sql<string>`to_char(${expr} at time zone 'UTC', ${CURSOR_TIME_FORMAT})`
    : sql<string>`${expr}::text`;
  let query = filterPeople(
    trx.selectFrom('people').select(PERSON_COLUMNS).select(cursorValue.as('sortValue')).select(extras),
    filter,
  );
  if (cursor) {
    const [value, id] = decodeCursor(
      cursor,
      2,
      ([v, i]) => typeof v === 'string' && typeof i === 'string' && isUuid(i) && (!isTime || isCursorTime(v)),
    );
    query = query.where(keysetAfter(expr, sql`people.id`, value, castType, id, isDescending));
  }
  const direction = isDescending ? 'desc' : 'asc';
  return query
    .orderBy(expr as Expression<string>, direction)
    .orderBy('id', direction)
    .limit(limit + 1)
    .execute();
}

/** A page sorted by a nullable value (custom fields, optional columns): nulls last, see lib/filters. */
async function selectPeoplePageBy(
  trx: TTrx,
  filter: TPeopleFilter,
  sort: TNullableSort,
  limit: number,
  cursor: string | undefined,
  extras: ReturnType<typeof recordExtrasSql>,
) {
  const { indexed } = sort;
  if (indexed) {
    return selectIndexedSortPage({ ...sort, indexed }, limit + 1, cursor, (step) => {
      const query = filterPeople(
        trx.selectFrom('people').select(PERSON_COLUMNS).select(step.sortValue.as('sortValue')).select(extras),
        filter,
      )
        .where(step.where)
        .orderBy(step.orderBy)
        .limit(step.limit);
      const { join } = step;
      return join ? query.innerJoin(join.values, (on) => on.on(join.on)).execute() : query.execute();
    });
  }
  let query = filterPeople(
    trx.selectFrom('people').select(PERSON_COLUMNS).select(sortValueSql(sort).as('sortValue')).select(extras),
    filter,
  );
  if (cursor) query = query.where(nullableKeysetAfter(sort, sql`people.id`, cursor));
  return query
    .orderBy(orderBySql(sort, sql`people.id`))
    .limit(limit + 1)
    .execute();
}

type TPeopleQuery<O> = SelectQueryBuilder<TDatabase, 'people', O>;

export function filterPeople<O>(base: TPeopleQuery<O>, filter: TPeopleFilter): TPeopleQuery<O> {
  let query = base.where('workspaceId', '=', filter.workspaceId);
  if (filter.where) query = query.where(filter.where);
  const owners = filter.visibleOwnerIds;
  if (owners)
    query = owners.length > 0 ? query.where('ownerId', 'in', owners) : query.where(sql<boolean>`false`);
  if (filter.ownerId) query = query.where('ownerId', '=', filter.ownerId);
  if (filter.lifecycleStage) query = query.where('lifecycleStage', '=', filter.lifecycleStage);
  if (filter.tag) query = query.where(sql<boolean>`people.tags @> array[${filter.tag}]::text[]`);
  if (filter.customFields) {
    query = query.where(sql<boolean>`people.custom_fields @> ${JSON.stringify(filter.customFields)}::jsonb`);
  }
  const { companyId, identifier } = filter;
  if (companyId) {
    query = query.where('id', 'in', (eb) =>
      eb
        .selectFrom('personCompanies')
        .select('personId')
        .where('workspaceId', '=', filter.workspaceId)
        .where('companyId', '=', companyId),
    );
  }
  if (identifier) {
    query = query.where('id', 'in', (eb) =>
      eb
        .selectFrom('personIdentifiers')
        .select('personId')
        .where('workspaceId', '=', filter.workspaceId)
        .where('kind', '=', identifier.kind)
        .where('source', '=', identifier.source)
        .where('value', '=', identifier.value),
    );
  }
  if (filter.q) query = query.where(matchesPeopleSearch(filter.q));
  return query;
}

export async function selectPerson(trx: TTrx, workspaceId: string, id: string, forUpdate = false) {
  let query = trx
    .selectFrom('people')
    .select(PERSON_COLUMNS)
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Ids among `ids` of people in the workspace that the actor may see (`visibleOwnerIdsOf`; null: all). */
export async function selectPersonIds(
  trx: TTrx,
  workspaceId: string,
  ids: readonly string[],
  visibleOwnerIds: readonly string[] | null,
): Promise<string[]> {
  const wanted = ids.filter(isUuid);
  if (wanted.length === 0) return [];
  let query = trx
    .selectFrom('people')
    .select('id')
    .where('workspaceId', '=', workspaceId)
    .where('id', 'in', wanted);
  if (visibleOwnerIds) {
    if (visibleOwnerIds.length === 0) return [];
    query = query.where('ownerId', 'in', visibleOwnerIds);
  }
  return (await query.execute()).map((row) => row.id);
}

export async function removeCustomFieldKey(trx: TTrx, workspaceId: string, key: string): Promise<void> {
  await trx
    .updateTable('people')
    .set({ customFields: sql`custom_fields - ${key}::text` })
    .where('workspaceId', '=', workspaceId)
    .where(sql<boolean>`custom_fields ? ${key}::text`)
    .execute();
}
