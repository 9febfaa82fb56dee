import { registerRecordType } from '../custom-fields/index.ts';
import { removeProductCustomFieldKey } from './products.repository.ts';
import { findVisibleProductIds } from './products.service.ts';

export type { TProductRow } from './products.repository.ts';
export { registerProductRoutes } from './products.routes.ts';
export { findProductsByIds, findVisibleProductIds, getProduct } from './products.service.ts';
export type { TProductsTable } from './products.table.ts';
export {
  deleteImportedProducts,
  insertImportedProducts,
  restoreImportedProducts,
  selectImportedProductsChangedSince,
  selectLineProducts,
  selectProductsBySkus,
  selectProductsForImport,
  type TImportedProduct,
  type TLineProductRow,
  type TStoredProduct,
  updateImportedProducts,
} from './products-import.repository.ts';

registerRecordType('product', {
  findVisibleIds: (trx, actor, ids) => findVisibleProductIds(trx, actor, ids),
  removeCustomFieldValues: (trx, workspaceId, key) => removeProductCustomFieldKey(trx, workspaceId, key),
});
