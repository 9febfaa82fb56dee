import type { TFilter, TViewObjectType } from '@kap/shared';
import type { ColumnType, Generated } from 'kysely';

export type TViewsTable = {
  workspaceId: string;
  id: string;
  objectType: TViewObjectType;
  name: string;
  ownerId: string | null;
  isShared: boolean;
  filter: ColumnType<TFilter | null, string | null, string | null>;
  sort: string | null;
  columns: ColumnType<string[], string, string>;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  createdBy: string | null;
  updatedBy: string | null;
};
