import type { TTrx } from '../../db/tenant.ts';
import {
  deleteImportedOrders,
  restoreImportedOrders,
  selectImportedOrdersChangedSince,
  selectOrderVersions,
  type TOrderBeforeImage,
} from '../orders/index.ts';
import { deleteImportedPeople, selectImportedPeopleChangedSince } from '../people/index.ts';
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
  /** Records the import created that changed since, with why undo refuses. */
  changedSince: (
    trx: TTrx,
    workspaceId: string,
    marker: string,
    limit: number,
  ) => Promise<{ recordId: string; reason: string }[]>;
  deleteCreated: (trx: TTrx, workspaceId: string, marker: string) => Promise<number>;
  select: (trx: TTrx, workspaceId: string, ids: string[]) => Promise<{ id: string; version: number }[]>;
  restore: (
    trx: TTrx,
    workspaceId: string,
    befores: Record<string, unknown>[],
    by: string,
  ) => Promise<unknown>;
};

const changed = (ids: string[], what: string) =>
  ids.map((recordId) => ({ recordId, reason: `${what} created by the import and changed since` }));

export const PRODUCT_ORDER_UNDO: Record<'product' | 'order', TUndoKind> = {
  product: {
    label: 'Product',
    changedSince: async (trx, workspaceId, marker, limit) =>
      changed(await selectImportedProductsChangedSince(trx, workspaceId, marker, limit), 'Product'),
    deleteCreated: deleteImportedProducts,
    select: selectProductsForImport,
    restore: (trx, workspaceId, befores, by) =>
      restoreImportedProducts(trx, workspaceId, befores as unknown as TImportedProduct[], by),
  },
  order: {
    label: 'Order',
    // People created for unknown customers (option createMissingCustomers) go with their orders.
    changedSince: async (trx, workspaceId, marker, limit) => [
      ...changed(await selectImportedOrdersChangedSince(trx, workspaceId, marker, limit), 'Order'),
      ...changed(await selectImportedPeopleChangedSince(trx, workspaceId, marker, limit), 'Person'),
    ],
    deleteCreated: async (trx, workspaceId, marker) => {
      const orders = await deleteImportedOrders(trx, workspaceId, marker);
      await deleteImportedPeople(trx, workspaceId, marker);
      return orders;
    },
    select: async (trx, workspaceId, ids) =>
      [...(await selectOrderVersions(trx, workspaceId, ids))].map(([id, version]) => ({ id, version })),
    restore: (trx, workspaceId, befores, by) =>
      restoreImportedOrders(trx, workspaceId, befores as unknown as TOrderBeforeImage[], by),
  },
};
