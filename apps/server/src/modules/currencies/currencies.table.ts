import type { ColumnType, Generated } from 'kysely';

export type TCurrencySettingsTable = {
  workspaceId: string;
  baseCurrency: string;
  updatedAt: Generated<Date>;
  updatedBy: string | null;
};

export type TExchangeRatesTable = {
  workspaceId: string;
  currency: string;
  /** `date` column: read back as 'YYYY-MM-DD' text (see the repository's selects). */
  rateDate: ColumnType<string, string, string>;
  /** numeric: a decimal string, never a float. */
  rate: string;
  updatedAt: Generated<Date>;
  updatedBy: string | null;
};
