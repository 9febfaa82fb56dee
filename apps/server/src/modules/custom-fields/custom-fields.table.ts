import type { TCustomFieldObjectType, TCustomFieldType } from '@kap/shared';
import type { ColumnType, Generated } from 'kysely';

export type TCustomFieldOption = { value: string; label: string };

export type TCustomFieldsTable = {
  workspaceId: string;
  id: string;
  objectType: TCustomFieldObjectType;
  key: string;
  label: string;
  type: TCustomFieldType;
  options: ColumnType<TCustomFieldOption[] | null, string | null, string | null>;
  relationObjectType: TCustomFieldObjectType | null;
  isArchived: Generated<boolean>;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  createdBy: string | null;
  updatedBy: string | null;
};
