import type { TListPeopleQuery } from '@kap/shared';
import { type Expression, type Selectable, sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { decodeCursor, keysetAfter } from '../../lib/pagination.ts';
import type { TPeopleTable } from './people.table.ts';

export const PERSON_COLUMNS = [
  'workspaceId',
  'id',
  'firstName',
  'lastName',
  'emails',
  'phones',
  'ownerId',
  'version',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
] as const;

export type TPersonRow = Pick<Selectable<TPeopleTable>, (typeof PERSON_COLUMNS)[number]>;

const SORT_EXPRESSIONS = {
  createdAt: sql<string>`people.created_at`,
  updatedAt: sql<string>`people.updated_at`,
  firstName: sql<string>`people.first_name_sort`,
  lastName: sql<string>`people.last_name_sort`,
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
  const castType = field === 'createdAt' || field === 'updatedAt' ? 'timestamptz' : 'text';
  let query = trx
    .selectFrom('people')
    .select(PERSON_COLUMNS)
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
    query = query.where(keysetAfter(expr, sql`people.id`, value, castType, id, isDescending));
  }
  const direction = isDescending ? 'desc' : 'asc';
  return query
    .orderBy(expr as Expression<string>, direction)
    .orderBy('id', direction)
    .limit(limit + 1)
    .execute();
}

export async function selectPerson(trx: TTrx, workspaceId: string, id: string, forUpdate = false) {
  let query = trx.selectFrom('people').select(PERSON_COLUMNS).where('workspaceId', '=', workspaceId).where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}
