import type { TOrderChannel, TOrderStatus } from '@kap/shared';
import type { ColumnType, Generated } from 'kysely';

type TNullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
/** numeric columns: PostgreSQL answers decimal strings, so money stays exact. */
type TNumeric = string;

export type TOrdersTable = {
  workspaceId: string;
  id: string;
  source: string;
  externalId: TNullable<string>;
  channel: TOrderChannel;
  location: TNullable<string>;
  personId: TNullable<string>;
  companyId: TNullable<string>;
  occurredAt: Date;
  status: TOrderStatus;
  currency: string;
  subtotal: TNumeric;
  discountTotal: TNumeric;
  taxTotal: TNumeric;
  total: TNumeric;
  refundedTotal: ColumnType<TNumeric, TNumeric | undefined, TNumeric>;
  baseCurrency: string;
  exchangeRate: TNumeric;
  baseTotal: TNumeric;
  baseRefundedTotal: ColumnType<TNumeric, TNumeric | undefined, TNumeric>;
  note: TNullable<string>;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  createdBy: string | null;
  updatedBy: string | null;
};

export type TOrderLinesTable = {
  workspaceId: string;
  orderId: string;
  lineNo: number;
  productId: TNullable<string>;
  description: string;
  sku: TNullable<string>;
  category: TNullable<string>;
  quantity: TNumeric;
  unitPrice: TNumeric;
  discount: TNumeric;
  tax: TNumeric;
  taxRate: TNullable<TNumeric>;
  lineTotal: TNumeric;
};

export type TRefundLineValue = { lineNo: number; quantity: string; amount: string };

export type TRefundsTable = {
  workspaceId: string;
  id: string;
  orderId: string;
  amount: TNumeric;
  baseAmount: TNumeric;
  reason: TNullable<string>;
  lines: ColumnType<TRefundLineValue[], string | undefined, string>;
  occurredAt: Date;
  createdAt: Generated<Date>;
  createdBy: string | null;
};

export type TCustomerPurchaseStatsTable = {
  workspaceId: string;
  personId: string | null;
  companyId: string | null;
  orderCount: number;
  lifetimeRevenue: TNumeric;
  averageOrderValue: TNumeric;
  firstPurchaseAt: Date;
  lastPurchaseAt: Date;
  favouriteChannel: TOrderChannel | null;
  favouriteCategories: string[];
  updatedAt: Generated<Date>;
};

export type TCustomerProductsTable = {
  workspaceId: string;
  personId: string | null;
  companyId: string | null;
  productId: string;
  orderCount: number;
  lastPurchasedAt: Date;
};
