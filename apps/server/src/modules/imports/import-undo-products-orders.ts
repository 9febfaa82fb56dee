import type { TTrx } from '../../db/tenant.ts';
import {
  deleteImportedOrders,
  restoreImportedOrders,
  selectImportedOrdersChangedSince,
  selectOrderVersions,
  type TOrderBeforeImage,
} from '../orders/index.ts';
import {
  deleteImportedProducts,
  restoreImportedProducts,
  selectImportedProductsChangedSince,
  selectProductsForImport,
  type TImportedProduct,
} from '../products/index.ts';

/**
 * What undo does with products and orders, through their modules: created ones are refused when
 * changed since (edited, or an order refunded) and else deleted; updated ones are read for their
 * versions and restored from the before-images. Deleting or restoring orders recomputes the
 * purchase stats of every customer concerned (orders module).
 */
export type TUndoKind = {
  label: string;
  changedSince: (trx: TTrx, workspaceId: string, marker: string, limit: number) => Promise<string[]>;
  deleteCreated: (trx: TTrx, workspaceId: string, marker: string) => Promise<number>;
  select: (trx: TTrx, workspaceId: string, ids: string[]) => Promise<{ id: string; version: number }[]>;
  restore: (
    trx: TTrx,
    workspaceId: string,
    befores: Record<string, unknown>[],
    by: string,
  ) => Promise<unknown>;
};

export const PRODUCT_ORDER_UNDO: Record<'product' | 'order', TUndoKind> = {
  product: {
    label: 'Product',
    changedSince: selectImportedProductsChangedSince,
    deleteCreated: deleteImportedProducts,
    select: selectProductsForImport,
    restore: (trx, workspaceId, befores, by) =>
      restoreImportedProducts(trx, workspaceId, befores as unknown as TImportedProduct[], by),
  },
  order: {
    label: 'Order',
    changedSince: selectImportedOrdersChangedSince,
    deleteCreated: deleteImportedOrders,
    select: async (trx, workspaceId, ids) =>
      [...(await selectOrderVersions(trx, workspaceId, ids))].map(([id, version]) => ({ id, version })),
    restore: (trx, workspaceId, befores, by) =>
      restoreImportedOrders(trx, workspaceId, befores as unknown as TOrderBeforeImage[], by),
  },
};
