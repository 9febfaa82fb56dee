import {
  canAccess,
  type TCreateProductRequest,
  type TListProductsQuery,
  type TProduct,
  type TUpdateProductRequest,
} from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, assertCanRead, assertCanWrite, type TActor } from '../../lib/actor.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { assertFreshVersion } from '../../lib/if-match.ts';
import { toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/index.ts';
import { applyCustomFieldValues, loadVisibleFieldKeys, pickVisibleValues } from '../custom-fields/index.ts';
import { getDefaultCountry } from '../people/index.ts';
import {
  PRODUCT_COLUMNS,
  selectProduct,
  selectProductCategories,
  selectProductsByIds,
  selectProductsPage,
  type TProductRow,
} from './products.repository.ts';

export function toProduct(row: TProductRow, visibleFieldKeys: ReadonlySet<string>): TProduct {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    category: row.category,
    description: row.description,
    price: row.price,
    currency: row.currency,
    isActive: row.isActive,
    customFields: pickVisibleValues(row.customFields, visibleFieldKeys),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
  };
}

const snapshotOf = (row: TProductRow) => {
  const {
    id: _i,
    version: _v,
    createdAt: _c,
    updatedAt: _u,
    createdBy: _cb,
    updatedBy: _ub,
    ...fields
  } = toProduct(row, new Set(Object.keys(row.customFields)));
  return fields;
};

async function fieldKeysFor(trx: TTrx, workspaceId: string, rows: readonly TProductRow[]) {
  const hasValues = rows.some((row) => Object.keys(row.customFields).length > 0);
  return hasValues ? loadVisibleFieldKeys(trx, workspaceId, 'product', false) : new Set<string>();
}

async function getRow(trx: TTrx, actor: TActor, id: string, forUpdate = false): Promise<TProductRow> {
  const row = await selectProduct(trx, actor.workspaceId, id, forUpdate);
  if (!row) throw notFound('Product');
  return row;
}

/** Record-type hook for relation custom fields: products are visible to every reader. */
export async function findVisibleProductIds(
  trx: TTrx,
  actor: TActor,
  ids: readonly string[],
): Promise<Set<string>> {
  if (!canAccess(actor.role, 'products', 'read')) return new Set();
  return new Set((await selectProductsByIds(trx, actor.workspaceId, ids)).map((row) => row.id));
}

export async function listProducts(trx: TTrx, actor: TActor, query: TListProductsQuery) {
  assertCanRead(actor, 'products');
  const rows = await selectProductsPage(trx, actor.workspaceId, query);
  const page = toPage(
    rows,
    query.limit,
    (row) => row,
    (row) => [row.sortValue, row.id],
  );
  const keys = await fieldKeysFor(trx, actor.workspaceId, page.data);
  return { data: page.data.map((row) => toProduct(row, keys)), nextCursor: page.nextCursor };
}

export async function listProductCategories(trx: TTrx, actor: TActor) {
  assertCanRead(actor, 'products');
  return { data: await selectProductCategories(trx, actor.workspaceId) };
}

export async function getProduct(trx: TTrx, actor: TActor, id: string): Promise<TProduct> {
  assertCanRead(actor, 'products');
  const row = await getRow(trx, actor, id);
  return toProduct(row, await fieldKeysFor(trx, actor.workspaceId, [row]));
}

/** Products by id for other modules (orders' lines), read without a permission check of their own. */
export async function findProductsByIds(trx: TTrx, workspaceId: string, ids: readonly string[]) {
  return selectProductsByIds(trx, workspaceId, ids);
}

async function assertSkuFree(trx: TTrx, actor: TActor, sku: string, exceptId: string | null) {
  const existing = await trx
    .selectFrom('products')
    .select('id')
    .where('workspaceId', '=', actor.workspaceId)
    .where('sku', '=', sku)
    .executeTakeFirst();
  if (existing && existing.id !== exceptId) {
    throw new AppError('DUPLICATE', `Another product has the SKU "${sku}"`, [
      { path: 'sku', message: `Already used by product ${existing.id}` },
    ]);
  }
}

async function toColumns(
  trx: TTrx,
  actor: TActor,
  input: TCreateProductRequest | TUpdateProductRequest,
  current: TProductRow | null,
) {
  if (input.sku !== undefined) await assertSkuFree(trx, actor, input.sku, current?.id ?? null);
  const customFields = input.customFields
    ? await applyCustomFieldValues(trx, actor, 'product', current?.customFields ?? {}, input.customFields, {
        getDefaultCountry: () => getDefaultCountry(trx, actor.workspaceId),
      })
    : undefined;
  const text = (value: string | null | undefined) => (value === undefined ? undefined : value || null);
  return {
    sku: input.sku,
    name: input.name,
    category: text(input.category),
    description: text(input.description),
    price: input.price,
    currency: input.currency,
    isActive: input.isActive,
    customFields: customFields === undefined ? undefined : JSON.stringify(customFields),
  };
}

export async function createProduct(
  trx: TTrx,
  actor: TActor,
  input: TCreateProductRequest,
): Promise<TProduct> {
  assertCanWrite(actor, 'products');
  const columns = await toColumns(trx, actor, input, null);
  const now = new Date();
  const row = await trx
    .insertInto('products')
    .values({
      ...columns,
      sku: input.sku,
      name: input.name,
      price: input.price,
      currency: input.currency,
      workspaceId: actor.workspaceId,
      id: newId(),
      createdAt: now,
      updatedAt: now,
      createdBy: actorId(actor),
      updatedBy: actorId(actor),
    })
    .returning(PRODUCT_COLUMNS)
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, {
    action: 'product.create',
    recordType: 'product',
    recordId: row.id,
    after: snapshotOf(row),
  });
  return toProduct(row, await fieldKeysFor(trx, actor.workspaceId, [row]));
}

export async function updateProduct(
  trx: TTrx,
  actor: TActor,
  id: string,
  input: TUpdateProductRequest,
  expectedVersion: number | null,
): Promise<TProduct> {
  assertCanWrite(actor, 'products');
  const current = await getRow(trx, actor, id, true);
  assertFreshVersion('product', current.version, expectedVersion);
  const columns = await toColumns(trx, actor, input, current);
  const row = await trx
    .updateTable('products')
    .set({ ...columns, version: current.version + 1, updatedAt: new Date(), updatedBy: actorId(actor) })
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', current.id)
    .returning(PRODUCT_COLUMNS)
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, {
    action: 'product.update',
    recordType: 'product',
    recordId: row.id,
    before: snapshotOf(current),
    after: snapshotOf(row),
  });
  return toProduct(row, await fieldKeysFor(trx, actor.workspaceId, [row]));
}

/** Past orders keep their lines (description, SKU and category are copied onto them). */
export async function deleteProduct(
  trx: TTrx,
  actor: TActor,
  id: string,
  expectedVersion: number | null,
): Promise<void> {
  assertCanWrite(actor, 'products');
  const current = await getRow(trx, actor, id, true);
  assertFreshVersion('product', current.version, expectedVersion);
  await trx
    .deleteFrom('products')
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', current.id)
    .execute();
  await recordAudit(trx, actor, {
    action: 'product.delete',
    recordType: 'product',
    recordId: current.id,
    before: snapshotOf(current),
  });
}
