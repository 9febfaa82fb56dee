import { type Expression, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
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
import type { TPipelineStagesTable } from './deals.table.ts';

/** The database as a deal read sees it: deals joined to their stage as `s`. */
type TDealsDb = TDatabase & { s: TPipelineStagesTable };

/** A deal with its stage's probability (the one join every deal read makes). */
function selectDealColumns(trx: TTrx) {
  return trx
    .selectFrom('deals')
    .innerJoin('pipelineStages as s', (join) =>
      join.onRef('s.workspaceId', '=', 'deals.workspaceId').onRef('s.id', '=', 'deals.stageId'),
    )
    .select([
      'deals.workspaceId',
      'deals.id',
      'deals.name',
      'deals.pipelineId',
      'deals.stageId',
      'deals.status',
      'deals.amount',
      'deals.currency',
      sql<string | null>`deals.expected_close_date::text`.as('expectedCloseDate'),
      'deals.ownerId',
      'deals.companyId',
      'deals.source',
      'deals.lostReason',
      'deals.stageEnteredAt',
      'deals.closedAt',
      'deals.customFields',
      'deals.version',
      'deals.createdAt',
      'deals.updatedAt',
      'deals.createdBy',
      'deals.updatedBy',
      's.probability',
    ]);
}

export type TDealRow = Awaited<ReturnType<ReturnType<typeof selectDealColumns>['executeTakeFirstOrThrow']>>;

const SORT_EXPRESSIONS = {
  name: sql<string>`deals.name`,
  createdAt: sql<string>`deals.created_at`,
  updatedAt: sql<string>`deals.updated_at`,
} as const;
type TSortField = keyof typeof SORT_EXPRESSIONS;

export const isIndexedSort = (field: string): field is TSortField => Object.hasOwn(SORT_EXPRESSIONS, field);

const CURSOR_TIME_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export type TDealsFilter = {
  workspaceId: string;
  visibleOwnerIds: readonly string[] | null;
  pipelineId?: string | undefined;
  stageId?: string | undefined;
  status?: string | undefined;
  ownerId?: string | undefined;
  personId?: string | undefined;
  companyId?: string | undefined;
  q?: string | undefined;
  customFields?: Record<string, unknown> | null | undefined;
  where?: RawBuilder<boolean> | undefined;
};

function filterDeals<O>(
  base: SelectQueryBuilder<TDealsDb, 'deals' | 's', O>,
  filter: TDealsFilter,
): SelectQueryBuilder<TDealsDb, 'deals' | 's', O> {
  let query = base.where('deals.workspaceId', '=', filter.workspaceId);
  if (filter.where) query = query.where(filter.where);
  const owners = filter.visibleOwnerIds;
  if (owners)
    query = owners.length > 0 ? query.where('deals.ownerId', 'in', owners) : query.where(sql<boolean>`false`);
  if (filter.pipelineId) query = query.where('deals.pipelineId', '=', filter.pipelineId);
  if (filter.stageId) query = query.where('deals.stageId', '=', filter.stageId);
  if (filter.status) query = query.where('deals.status', '=', filter.status as 'open');
  if (filter.ownerId) query = query.where('deals.ownerId', '=', filter.ownerId);
  if (filter.companyId) query = query.where('deals.companyId', '=', filter.companyId);
  if (filter.personId) {
    query = query.where(
      sql<boolean>`deals.id in (select dp.deal_id from deal_people dp where dp.workspace_id = ${filter.workspaceId}::uuid and dp.person_id = ${filter.personId}::uuid)`,
    );
  }
  if (filter.customFields) {
    query = query.where(sql<boolean>`deals.custom_fields @> ${JSON.stringify(filter.customFields)}::jsonb`);
  }
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where('deals.name', 'ilike', pattern);
  }
  return query;
}

/** A keyset page (limit + 1 rows) by an indexed sort or a nullable sort expression. */
export async function selectDealsPage(
  trx: TTrx,
  filter: TDealsFilter,
  sort: string | TNullableSort,
  limit: number,
  cursor: string | undefined,
) {
  if (typeof sort !== 'string' && sort.indexed) {
    return selectIndexedSortPage({ ...sort, indexed: sort.indexed }, limit + 1, cursor, (step) => {
      const query = filterDeals(selectDealColumns(trx).select(step.sortValue.as('sortValue')), filter)
        .where(step.where)
        .orderBy(step.orderBy)
        .limit(step.limit);
      const { join } = step;
      return join ? query.innerJoin(join.values, (on) => on.on(join.on)).execute() : query.execute();
    });
  }
  if (typeof sort !== 'string') {
    let query = filterDeals(selectDealColumns(trx).select(sortValueSql(sort).as('sortValue')), filter);
    if (cursor) query = query.where(nullableKeysetAfter(sort, sql`deals.id`, cursor));
    return query
      .orderBy(orderBySql(sort, sql`deals.id`))
      .limit(limit + 1)
      .execute();
  }
  const isDescending = sort.startsWith('-');
  const field = (isDescending ? sort.slice(1) : sort) as TSortField;
  const expr = SORT_EXPRESSIONS[field];
  const isTime = field !== 'name';
  const cursorValue = isTime
    ? sql<string>`to_char(${expr} at time zone 'UTC', ${CURSOR_TIME_FORMAT})`
    : sql<string>`${expr}::text`;
  let query = filterDeals(selectDealColumns(trx).select(cursorValue.as('sortValue')), filter);
  if (cursor) {
    const [value, id] = decodeCursor(
      cursor,
      2,
      ([v, i]) =>
        typeof v === 'string' &&
        typeof i === 'string' &&
        isUuid(i) &&
        (!isTime || (CURSOR_TIME.test(v) && !Number.isNaN(Date.parse(v)))),
    );
    query = query.where(
      keysetAfter(expr, sql`deals.id`, value, isTime ? 'timestamptz' : 'text', id, isDescending),
    );
  }
  const direction = isDescending ? 'desc' : 'asc';
  return query
    .orderBy(expr as Expression<string>, direction)
    .orderBy('deals.id', direction)
    .limit(limit + 1)
    .execute();
}

export async function selectDeal(trx: TTrx, workspaceId: string, id: string, forUpdate = false) {
  let query = selectDealColumns(trx).where('deals.workspaceId', '=', workspaceId).where('deals.id', '=', id);
  if (forUpdate) query = query.forUpdate('deals');
  return query.executeTakeFirst();
}

export async function selectDealPeople(
  trx: TTrx,
  workspaceId: string,
  dealIds: readonly string[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (dealIds.length === 0) return result;
  const rows = await trx
    .selectFrom('dealPeople')
    .select(['dealId', 'personId'])
    .where('workspaceId', '=', workspaceId)
    .where('dealId', 'in', dealIds)
    .orderBy('dealId')
    .orderBy('personId')
    .execute();
  for (const row of rows) result.set(row.dealId, [...(result.get(row.dealId) ?? []), row.personId]);
  return result;
}

export async function replaceDealPeople(
  trx: TTrx,
  workspaceId: string,
  dealId: string,
  personIds: readonly string[],
): Promise<void> {
  await trx
    .deleteFrom('dealPeople')
    .where('workspaceId', '=', workspaceId)
    .where('dealId', '=', dealId)
    .execute();
  if (personIds.length === 0) return;
  await trx
    .insertInto('dealPeople')
    .values(personIds.map((personId) => ({ workspaceId, dealId, personId })))
    .execute();
}

export type TLineItemRow = {
  dealId: string;
  position: number;
  productId: string | null;
  name: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
};

export async function selectLineItems(
  trx: TTrx,
  workspaceId: string,
  dealIds: readonly string[],
): Promise<Map<string, TLineItemRow[]>> {
  const result = new Map<string, TLineItemRow[]>();
  if (dealIds.length === 0) return result;
  const rows = await trx
    .selectFrom('dealLineItems')
    .select(['dealId', 'position', 'productId', 'name', 'quantity', 'unitPrice', 'discountPercent'])
    .where('workspaceId', '=', workspaceId)
    .where('dealId', 'in', dealIds)
    .orderBy('dealId')
    .orderBy('position')
    .execute();
  for (const row of rows) result.set(row.dealId, [...(result.get(row.dealId) ?? []), row]);
  return result;
}

export async function replaceLineItems(
  trx: TTrx,
  workspaceId: string,
  dealId: string,
  items: readonly Omit<TLineItemRow, 'dealId' | 'position'>[],
): Promise<void> {
  await trx
    .deleteFrom('dealLineItems')
    .where('workspaceId', '=', workspaceId)
    .where('dealId', '=', dealId)
    .execute();
  if (items.length === 0) return;
  await trx
    .insertInto('dealLineItems')
    .values(items.map((item, position) => ({ ...item, workspaceId, dealId, position })))
    .execute();
}

export async function selectStageHistory(trx: TTrx, workspaceId: string, dealId: string) {
  return trx
    .selectFrom('dealStageHistory')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('dealId', '=', dealId)
    .orderBy('movedAt')
    .orderBy('id')
    .execute();
}

/** Ids among `ids` of deals the actor may see (`visibleOwnerIdsOf`; null: all). */
export async function selectDealIds(
  trx: TTrx,
  workspaceId: string,
  ids: readonly string[],
  visibleOwnerIds: readonly string[] | null,
): Promise<string[]> {
  const wanted = ids.filter(isUuid);
  if (wanted.length === 0) return [];
  let query = trx
    .selectFrom('deals')
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
    .updateTable('deals')
    .set({ customFields: sql`custom_fields - ${key}::text` })
    .where('workspaceId', '=', workspaceId)
    .where(sql<boolean>`custom_fields ? ${key}::text`)
    .execute();
}
