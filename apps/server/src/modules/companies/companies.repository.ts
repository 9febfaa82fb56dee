import { type Expression, type RawBuilder, type Selectable, type SelectQueryBuilder, sql } from 'kysely';
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
import type { TCompaniesTable } from './companies.table.ts';
import { matchesCompaniesSearch } from './companies-search-condition.ts';

export const COMPANY_COLUMNS = [
  'workspaceId',
  'id',
  'name',
  'domains',
  'industry',
  'size',
  'annualRevenue',
  'currency',
  'addresses',
  'parentCompanyId',
  'ownerId',
  'tags',
  'externalIds',
  'customFields',
  'version',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
] as const;

export type TCompanyRow = Pick<Selectable<TCompaniesTable>, (typeof COMPANY_COLUMNS)[number]>;

/** Plain columns only: under row-level security only they keep the sort an index scan. */
export const SORT_EXPRESSIONS = {
  name: sql<string>`companies.name`,
  createdAt: sql<string>`companies.created_at`,
  updatedAt: sql<string>`companies.updated_at`,
} as const;

type TSortField = keyof typeof SORT_EXPRESSIONS;

/** The sorts that have their own (workspace, column, id) index and never-null values. */
export const isIndexedSort = (field: string): field is TSortField => Object.hasOwn(SORT_EXPRESSIONS, field);

// Same cursor format as people's: see people.repository.ts. TODO: move both to lib/pagination.ts.
const CURSOR_TIME_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function isCursorTime(value: string): boolean {
  if (!CURSOR_TIME.test(value) || value < '0001') return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 23) === value.slice(0, 23);
}

export type TCompaniesFilter = {
  workspaceId: string;
  /** Record scope "own": only companies this user owns. */
  /** The owners whose records the actor sees (null: all), from `visibleOwnerIdsOf`. */
  visibleOwnerIds?: readonly string[] | null | undefined;
  ownerId?: string | undefined;
  industry?: string | undefined;
  tag?: string | undefined;
  parentCompanyId?: string | undefined;
  externalId?: { source: string; id: string } | undefined;
  q?: string | undefined;
  customFields?: Record<string, unknown> | null | undefined;
  /** A compiled `filter` (lib/filters). */
  where?: RawBuilder<boolean> | undefined;
};

export async function selectCompaniesPage(
  trx: TTrx,
  filter: TCompaniesFilter,
  sort: string | TNullableSort,
  limit: number,
  cursor: string | undefined,
) {
  if (typeof sort !== 'string') return selectCompaniesPageBy(trx, filter, sort, limit, cursor);
  const isDescending = sort.startsWith('-');
  const field = (isDescending ? sort.slice(1) : sort) as TSortField;
  const expr = SORT_EXPRESSIONS[field];
  const isTime = field !== 'name';
  const cursorValue = isTime
    ? sql<string>`to_char(${expr} at time zone 'UTC', ${CURSOR_TIME_FORMAT})`
    : sql<string>`${expr}::text`;
  let query = filterCompanies(
    trx.selectFrom('companies').select(COMPANY_COLUMNS).select(cursorValue.as('sortValue')),
    filter,
  );
  if (cursor) {
    const [value, id] = decodeCursor(
      cursor,
      2,
      ([v, i]) => typeof v === 'string' && typeof i === 'string' && isUuid(i) && (!isTime || isCursorTime(v)),
    );
    query = query.where(
      keysetAfter(expr, sql`companies.id`, value, isTime ? 'timestamptz' : 'text', id, isDescending),
    );
  }
  const direction = isDescending ? 'desc' : 'asc';
  return query
    .orderBy(expr as Expression<string>, direction)
    .orderBy('id', direction)
    .limit(limit + 1)
    .execute();
}

/** A page sorted by a nullable value (custom fields, optional columns): nulls last, see lib/filters. */
async function selectCompaniesPageBy(
  trx: TTrx,
  filter: TCompaniesFilter,
  sort: TNullableSort,
  limit: number,
  cursor: string | undefined,
) {
  const { indexed } = sort;
  if (indexed) {
    return selectIndexedSortPage({ ...sort, indexed }, limit + 1, cursor, (step) => {
      const query = filterCompanies(
        trx.selectFrom('companies').select(COMPANY_COLUMNS).select(step.sortValue.as('sortValue')),
        filter,
      )
        .where(step.where)
        .orderBy(step.orderBy)
        .limit(step.limit);
      const { join } = step;
      return join ? query.innerJoin(join.values, (on) => on.on(join.on)).execute() : query.execute();
    });
  }
  let query = filterCompanies(
    trx.selectFrom('companies').select(COMPANY_COLUMNS).select(sortValueSql(sort).as('sortValue')),
    filter,
  );
  if (cursor) query = query.where(nullableKeysetAfter(sort, sql`companies.id`, cursor));
  return query
    .orderBy(orderBySql(sort, sql`companies.id`))
    .limit(limit + 1)
    .execute();
}

export function filterCompanies<O>(
  base: SelectQueryBuilder<TDatabase, 'companies', O>,
  filter: TCompaniesFilter,
): SelectQueryBuilder<TDatabase, 'companies', O> {
  let query = base.where('workspaceId', '=', filter.workspaceId);
  if (filter.where) query = query.where(filter.where);
  const owners = filter.visibleOwnerIds;
  if (owners)
    query = owners.length > 0 ? query.where('ownerId', 'in', owners) : query.where(sql<boolean>`false`);
  if (filter.ownerId) query = query.where('ownerId', '=', filter.ownerId);
  if (filter.industry) query = query.where('industry', '=', filter.industry);
  if (filter.parentCompanyId) query = query.where('parentCompanyId', '=', filter.parentCompanyId);
  if (filter.tag) query = query.where(sql<boolean>`companies.tags @> array[${filter.tag}]::text[]`);
  if (filter.externalId) {
    const { source, id } = filter.externalId;
    query = query.where(
      sql<boolean>`companies.id = (select x.company_id from company_external_ids x
        where x.workspace_id = ${filter.workspaceId} and x.source = ${source} and x.value = ${id})`,
    );
  }
  if (filter.customFields) {
    query = query.where(
      sql<boolean>`companies.custom_fields @> ${JSON.stringify(filter.customFields)}::jsonb`,
    );
  }
  if (filter.q) query = query.where(matchesCompaniesSearch(filter.q));
  return query;
}

export async function selectCompany(trx: TTrx, workspaceId: string, id: string, forUpdate = false) {
  let query = trx
    .selectFrom('companies')
    .select(COMPANY_COLUMNS)
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Ids among `ids` of companies in the workspace that the actor may see (`visibleOwnerIdsOf`; null: all). */
export async function selectCompanyIds(
  trx: TTrx,
  workspaceId: string,
  ids: readonly string[],
  visibleOwnerIds: readonly string[] | null,
): Promise<string[]> {
  const wanted = ids.filter(isUuid);
  if (wanted.length === 0) return [];
  let query = trx
    .selectFrom('companies')
    .select('id')
    .where('workspaceId', '=', workspaceId)
    .where('id', 'in', wanted);
  if (visibleOwnerIds) {
    if (visibleOwnerIds.length === 0) return [];
    query = query.where('ownerId', 'in', visibleOwnerIds);
  }
  return (await query.execute()).map((row) => row.id);
}

/** The company and its ancestors, nearest first (bounded, in case a cycle slipped in somehow). */
export async function selectAncestry(trx: TTrx, workspaceId: string, id: string): Promise<string[]> {
  const result = await sql<{ id: string }>`
    with recursive ancestry (id, parent_company_id, depth) as (
      select id, parent_company_id, 0 from companies where workspace_id = ${workspaceId} and id = ${id}
      union all
      select c.id, c.parent_company_id, a.depth + 1
        from ancestry a join companies c on c.workspace_id = ${workspaceId} and c.id = a.parent_company_id
       where a.depth < 1000
    )
    select id from ancestry order by depth`.execute(trx);
  return result.rows.map((row) => row.id);
}

export async function selectChildren(
  trx: TTrx,
  workspaceId: string,
  parentId: string,
): Promise<TCompanyRow[]> {
  return trx
    .selectFrom('companies')
    .select(COMPANY_COLUMNS)
    .where('workspaceId', '=', workspaceId)
    .where('parentCompanyId', '=', parentId)
    .forUpdate()
    .execute();
}

export async function removeCustomFieldKey(trx: TTrx, workspaceId: string, key: string): Promise<void> {
  await trx
    .updateTable('companies')
    .set({ customFields: sql`custom_fields - ${key}::text` })
    .where('workspaceId', '=', workspaceId)
    .where(sql<boolean>`custom_fields ? ${key}::text`)
    .execute();
}
