import type { TExternalId, TPostalAddress } from '@kap/shared';
import type { ColumnType, Generated } from 'kysely';

type TNullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export type TCompaniesTable = {
  workspaceId: string;
  id: string;
  name: string;
  domains: ColumnType<string[], string[] | undefined, string[]>;
  industry: TNullable<string>;
  size: TNullable<string>;
  /** numeric: pg answers a decimal string, so money stays exact. */
  annualRevenue: TNullable<string>;
  currency: TNullable<string>;
  addresses: ColumnType<TPostalAddress[], string | undefined, string>;
  parentCompanyId: TNullable<string>;
  ownerId: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  /** Mirrored row by row in `company_external_ids` (unique per workspace, source and id). */
  externalIds: ColumnType<TExternalId[], string | undefined, string>;
  customFields: ColumnType<Record<string, unknown>, string | undefined, string>;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  createdBy: string | null;
  updatedBy: string | null;
};
