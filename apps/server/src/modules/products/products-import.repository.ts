import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import {
  deleteRowsCreatedByMarker,
  selectRowsCreatedByMarkerChangedSince,
  setRowsUpdatedBy,
} from '../../lib/import-markers.ts';

/**
 * Bulk writes of products for imports: a batch of thousands of rows is a handful of statements
 * (`json_to_recordset` → insert/update … select), never a statement per row. Custom field values
 * arrive in the form the custom-fields module stores (the import's row converter made them so).
 */

/** The fields an import sets. */
export type TImportedProduct = {
  id: string;
  sku: string;
  name: string;
  category: string | null;
  description: string | null;
  price: string;
  currency: string;
  isActive: boolean;
  customFields: Record<string, unknown>;
};

export type TStoredProduct = TImportedProduct & { version: number; updatedBy: string | null };

/** A product as an order line needs it (id, SKU, name, category, price). */
export type TLineProductRow = {
  id: string;
  sku: string;
  name: string;
  category: string | null;
  price: string;
  currency: string;
};

const RECORD_COLUMNS =
  'id uuid, sku text, name text, category text, description text, price numeric, currency text, is_active boolean, custom_fields jsonb';

const toRecord = (p: TImportedProduct) => ({
  id: p.id,
  sku: p.sku,
  name: p.name,
  category: p.category,
  description: p.description,
  price: p.price,
  currency: p.currency,
  is_active: p.isActive,
  custom_fields: p.customFields,
});

/** Products by SKU (exact, as the unique index has it), with what a merge and undo need. */
export async function selectProductsBySkus(
  trx: TTrx,
  workspaceId: string,
  skus: readonly string[],
): Promise<TStoredProduct[]> {
  const wanted = [...new Set(skus)];
  if (wanted.length === 0) return [];
  const result = await sql<TStoredProduct>`
    select id, sku, name, category, description, price::text as price, currency, is_active, custom_fields,
           version, updated_by
      from products where workspace_id = ${workspaceId} and sku = any(${wanted}::text[])`.execute(trx);
  return result.rows;
}

/** Products by id for undo (versions and current values). */
export async function selectProductsForImport(
  trx: TTrx,
  workspaceId: string,
  ids: readonly string[],
): Promise<TStoredProduct[]> {
  if (ids.length === 0) return [];
  const result = await sql<TStoredProduct>`
    select id, sku, name, category, description, price::text as price, currency, is_active, custom_fields,
           version, updated_by
      from products where workspace_id = ${workspaceId} and id = any(${[...ids]}::uuid[])`.execute(trx);
  return result.rows;
}

/**
 * Products that order lines name by SKU (exact) or, for lines without one, by name (any case):
 * one statement per batch of order rows.
 */
export async function selectLineProducts(
  trx: TTrx,
  workspaceId: string,
  skus: readonly string[],
  names: readonly string[],
): Promise<TLineProductRow[]> {
  const wantedSkus = [...new Set(skus)];
  const wantedNames = [...new Set(names.map((n) => n.toLowerCase()))];
  if (wantedSkus.length === 0 && wantedNames.length === 0) return [];
  const result = await sql<TLineProductRow>`
    select id, sku, name, category, price::text as price, currency from products
     where workspace_id = ${workspaceId}
       and (sku = any(${wantedSkus}::text[]) or lower(name) = any(${wantedNames}::text[]))`.execute(trx);
  return result.rows;
}

export async function insertImportedProducts(
  trx: TTrx,
  workspaceId: string,
  products: readonly TImportedProduct[],
  marker: string,
): Promise<void> {
  if (products.length === 0) return;
  await sql`
    insert into products (workspace_id, id, sku, name, category, description, price, currency, is_active,
                          custom_fields, created_by, updated_by)
    select ${workspaceId}, x.id, x.sku, x.name, x.category, x.description, x.price, x.currency, x.is_active,
           coalesce(x.custom_fields, '{}'), ${marker}, ${marker}
      from json_to_recordset(${JSON.stringify(products.map(toRecord))}::json) as x(${sql.raw(RECORD_COLUMNS)})`.execute(
    trx,
  );
}

/** Writes the merged values of existing products and bumps their versions; returns the new versions. */
export async function updateImportedProducts(
  trx: TTrx,
  workspaceId: string,
  products: readonly TImportedProduct[],
  marker: string,
): Promise<Map<string, number>> {
  if (products.length === 0) return new Map();
  const result = await sql<{ id: string; version: number }>`
    update products p
       set sku = x.sku, name = x.name, category = x.category, description = x.description, price = x.price,
           currency = x.currency, is_active = x.is_active, custom_fields = coalesce(x.custom_fields, '{}'),
           version = p.version + 1, updated_at = now(), updated_by = ${marker}
      from json_to_recordset(${JSON.stringify(products.map(toRecord))}::json) as x(${sql.raw(RECORD_COLUMNS)})
     where p.workspace_id = ${workspaceId} and p.id = x.id
    returning p.id, p.version`.execute(trx);
  return new Map(result.rows.map((row) => [row.id, row.version]));
}

/** Products an import created that someone changed since (undo refuses to delete them). */
export async function selectImportedProductsChangedSince(
  trx: TTrx,
  workspaceId: string,
  marker: string,
  limit: number,
): Promise<string[]> {
  return selectRowsCreatedByMarkerChangedSince(trx, 'products', workspaceId, marker, limit);
}

/** Order lines keep their description, SKU and category; their product link is cleared. */
export async function deleteImportedProducts(
  trx: TTrx,
  workspaceId: string,
  marker: string,
): Promise<number> {
  return deleteRowsCreatedByMarker(trx, 'products', workspaceId, marker);
}

/**
 * Puts products back as they were before an import (a new version, written by `actorId`), with
 * the `updatedBy` they had when the before-image has it: a product an earlier import created is
 * then that import's again, so the earlier import can be undone in turn.
 */
export async function restoreImportedProducts(
  trx: TTrx,
  workspaceId: string,
  products: readonly (TImportedProduct & { updatedBy?: string | null })[],
  actorId: string,
): Promise<void> {
  if (products.length === 0) return;
  await updateImportedProducts(trx, workspaceId, products, actorId);
  const known = products.filter((p) => p.updatedBy !== undefined);
  await setRowsUpdatedBy(
    trx,
    'products',
    workspaceId,
    known.map((p) => ({ id: p.id, updatedBy: p.updatedBy ?? null })),
  );
}
