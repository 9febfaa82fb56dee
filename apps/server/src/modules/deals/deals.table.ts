import type { ColumnType, Generated } from 'kysely';

type TNullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export type TPipelinesTable = {
  workspaceId: string;
  id: string;
  name: string;
  isDefault: ColumnType<boolean, boolean | undefined, boolean>;
  position: ColumnType<number, number | undefined, number>;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  createdBy: string | null;
  updatedBy: string | null;
};

export type TPipelineStagesTable = {
  workspaceId: string;
  id: string;
  pipelineId: string;
  name: string;
  position: number;
  probability: number;
  kind: 'open' | 'won' | 'lost';
};

export type TDealsTable = {
  workspaceId: string;
  id: string;
  name: string;
  pipelineId: string;
  stageId: string;
  status: 'open' | 'won' | 'lost';
  /** numeric: pg answers a decimal string, so money stays exact. */
  amount: string;
  currency: string;
  /** date: selected as 'YYYY-MM-DD' text (`::text`), written as that text. */
  expectedCloseDate: TNullable<string>;
  ownerId: string | null;
  companyId: TNullable<string>;
  source: TNullable<string>;
  lostReason: TNullable<string>;
  stageEnteredAt: ColumnType<Date, Date | undefined, Date>;
  closedAt: TNullable<Date>;
  customFields: ColumnType<Record<string, unknown>, string | undefined, string>;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  createdBy: string | null;
  updatedBy: string | null;
};

export type TDealPeopleTable = {
  workspaceId: string;
  dealId: string;
  personId: string;
};

export type TDealLineItemsTable = {
  workspaceId: string;
  dealId: string;
  position: number;
  productId: string | null;
  name: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
};

export type TDealStageHistoryTable = {
  workspaceId: string;
  id: string;
  dealId: string;
  pipelineId: string;
  fromStageId: string | null;
  toStageId: string;
  movedAt: ColumnType<Date, Date | undefined, Date>;
  movedBy: string | null;
  movedByType: string | null;
  movedByName: string | null;
};
