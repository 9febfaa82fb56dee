import type { ColumnType, Generated } from 'kysely';

type TNullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export type TProductsTable = {
  workspaceId: string;
  id: string;
  sku: string;
  name: string;
  category: TNullable<string>;
  description: TNullable<string>;
  /** numeric: a decimal string, so money stays exact. */
  price: string;
  currency: string;
  isActive: ColumnType<boolean, boolean | undefined, boolean>;
  customFields: ColumnType<Record<string, unknown>, string | undefined, string>;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  createdBy: string | null;
  updatedBy: string | null;
};
