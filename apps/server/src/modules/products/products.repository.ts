import type { TListProductsQuery } from '@kap/shared';
import { type Expression, type Selectable, sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { isUuid } from '../../lib/ids.ts';
import { decodeCursor, keysetAfter } from '../../lib/pagination.ts';
import type { TProductsTable } from './products.table.ts';

export const PRODUCT_COLUMNS = [
  'workspaceId',
  'id',
  'sku',
  'name',
  'category',
  'description',
  'price',
  'currency',
  'isActive',
  'customFields',
  'version',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
] as const;

export type TProductRow = Pick<Selectable<TProductsTable>, (typeof PRODUCT_COLUMNS)[number]>;

const SORTS = {
  name: sql<string>`products.name`,
  sku: sql<string>`products.sku`,
  createdAt: sql<string>`products.created_at`,
} as const;

const TIME_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';

/** A page in (sort, id) order: plain columns and leakproof comparisons, so index scans under RLS. */
export async function selectProductsPage(trx: TTrx, workspaceId: string, query: TListProductsQuery) {
  const isDescending = query.sort.startsWith('-');
  const field = (isDescending ? query.sort.slice(1) : query.sort) as keyof typeof SORTS;
  const expr = SORTS[field];
  const isTime = field === 'createdAt';
  const sortValue = isTime
    ? sql<string>`to_char(${expr} at time zone 'UTC', ${TIME_FORMAT})`
    : sql<string>`${expr}`;
  let select = trx
    .selectFrom('products')
    .select(PRODUCT_COLUMNS)
    .select(sortValue.as('sortValue'))
    .where('workspaceId', '=', workspaceId);
  if (query.category) select = select.where('category', '=', query.category);
  if (query.isActive !== undefined) select = select.where('isActive', '=', query.isActive);
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    select = select.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('sku', 'ilike', pattern)]));
  }
  if (query.cursor) {
    const [value, id] = decodeCursor(
      query.cursor,
      2,
      ([v, i]) =>
        typeof v === 'string' &&
        typeof i === 'string' &&
        isUuid(i) &&
        (!isTime || !Number.isNaN(Date.parse(v))),
    );
    select = select.where(
      keysetAfter(expr, sql`products.id`, value, isTime ? 'timestamptz' : 'text', id, isDescending),
    );
  }
  const direction = isDescending ? 'desc' : 'asc';
  return select
    .orderBy(expr as Expression<string>, direction)
    .orderBy('id', direction)
    .limit(query.limit + 1)
    .execute();
}

export async function selectProduct(trx: TTrx, workspaceId: string, id: string, forUpdate = false) {
  if (!isUuid(id)) return undefined;
  let query = trx
    .selectFrom('products')
    .select(PRODUCT_COLUMNS)
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function selectProductsByIds(trx: TTrx, workspaceId: string, ids: readonly string[]) {
  const wanted = [...new Set(ids.filter(isUuid))];
  if (wanted.length === 0) return [];
  return trx
    .selectFrom('products')
    .select(PRODUCT_COLUMNS)
    .where('workspaceId', '=', workspaceId)
    .where('id', 'in', wanted)
    .execute();
}

export async function selectProductCategories(trx: TTrx, workspaceId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('products')
    .select('category')
    .distinct()
    .where('workspaceId', '=', workspaceId)
    .where('category', 'is not', null)
    .orderBy('category')
    .limit(1000)
    .execute();
  return rows.flatMap((row) => (row.category ? [row.category] : []));
}

export async function removeProductCustomFieldKey(
  trx: TTrx,
  workspaceId: string,
  key: string,
): Promise<void> {
  await trx
    .updateTable('products')
    .set({ customFields: sql`custom_fields - ${key}::text` })
    .where('workspaceId', '=', workspaceId)
    .where(sql<boolean>`custom_fields ? ${key}::text`)
    .execute();
}
