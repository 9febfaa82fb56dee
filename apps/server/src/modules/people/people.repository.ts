import type { TListPeopleQuery } from '@kap/shared';
import { type Expression, type Selectable, sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { decodeCursor } from '../../lib/pagination.ts';
import type { TPeopleTable } from './people.table.ts';

export type TPersonRow = Selectable<TPeopleTable>;

const SORT_EXPRESSIONS = {
  createdAt: sql<string>`people.created_at`,
  updatedAt: sql<string>`people.updated_at`,
  firstName: sql<string>`coalesce(people.first_name, '')`,
  lastName: sql<string>`coalesce(people.last_name, '')`,
} as const;

type TSortField = keyof typeof SORT_EXPRESSIONS;

export function parseSort(sort: TListPeopleQuery['sort']): { field: TSortField; isDescending: boolean } {
  const isDescending = sort.startsWith('-');
  return { field: (isDescending ? sort.slice(1) : sort) as TSortField, isDescending };
}

export type TPeopleFilter = {
  workspaceId: string;
  ownerId?: string | undefined;
  /** Record scope "own": only people this user owns. */
  visibleToOwnerId?: string | null | undefined;
  q?: string | undefined;
};

/**
 * One keyset page. The sort value travels in the cursor as PostgreSQL's own text form, so
 * timestamps keep their microseconds and the next page starts exactly after the last row.
 */
export async function selectPeoplePage(
  trx: TTrx,
  filter: TPeopleFilter,
  sort: TListPeopleQuery['sort'],
  limit: number,
  cursor: string | undefined,
) {
  const { field, isDescending } = parseSort(sort);
  const expr = SORT_EXPRESSIONS[field];
  const castType = field === 'createdAt' || field === 'updatedAt' ? sql.raw('timestamptz') : sql.raw('text');
  let query = trx
    .selectFrom('people')
    .selectAll()
    .select(sql<string>`${expr}::text`.as('sortValue'))
    .where('workspaceId', '=', filter.workspaceId);
  if (filter.visibleToOwnerId !== undefined) query = query.where('ownerId', '=', filter.visibleToOwnerId);
  if (filter.ownerId) query = query.where('ownerId', '=', filter.ownerId);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('firstName', 'ilike', pattern),
        eb('lastName', 'ilike', pattern),
        eb(sql`concat_ws(' ', first_name, last_name)`, 'ilike', pattern),
        eb(sql`emails::text`, 'ilike', pattern),
      ]),
    );
  }
  if (cursor) {
    const [value, id] = decodeCursor(cursor, 2);
    const comparison = isDescending ? sql.raw('<') : sql.raw('>');
    query = query.where(
      sql<boolean>`(${expr}, people.id) ${comparison} (${String(value)}::${castType}, ${String(id)}::uuid)`,
    );
  }
  const direction = isDescending ? 'desc' : 'asc';
  return query
    .orderBy(expr as Expression<string>, direction)
    .orderBy('id', direction)
    .limit(limit + 1)
    .execute();
}

export async function selectPerson(trx: TTrx, workspaceId: string, id: string, forUpdate = false) {
  let query = trx.selectFrom('people').selectAll().where('workspaceId', '=', workspaceId).where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}
