import type { TExternalId, TPostalAddress } from '@kap/shared';
import type { ColumnType, Generated } from 'kysely';

export type TEmailValue = { email: string; label: string; isPrimary: boolean };
export type TPhoneValue = { number: string; label: string; isPrimary: boolean };
export type TPreferences = Record<string, string | number | boolean | null>;

/** jsonb: read as the value, written as its JSON text. */
type TJson<T> = ColumnType<T, string, string>;
type TJsonArray<T> = TJson<T[]>;

export type TPeopleTable = {
  workspaceId: string;
  id: string;
  firstName: string | null;
  lastName: string | null;
  firstNameSort: ColumnType<string, never, never>;
  lastNameSort: ColumnType<string, never, never>;
  displayName: ColumnType<string | null, string | null | undefined, string | null>;
  displayNameSort: ColumnType<string, never, never>;
  emails: TJsonArray<TEmailValue>;
  phones: TJsonArray<TPhoneValue>;
  addresses: ColumnType<TPostalAddress[], string | undefined, string>;
  /** pg reads `date` as local midnight; the service turns it back into YYYY-MM-DD. */
  birthDate: ColumnType<Date | null, string | null | undefined, string | null>;
  gender: ColumnType<string | null, string | null | undefined, string | null>;
  preferredLanguage: ColumnType<string | null, string | null | undefined, string | null>;
  preferredChannel: ColumnType<string | null, string | null | undefined, string | null>;
  timezone: ColumnType<string | null, string | null | undefined, string | null>;
  jobTitle: ColumnType<string | null, string | null | undefined, string | null>;
  lifecycleStage: ColumnType<string | null, string | null | undefined, string | null>;
  leadSource: ColumnType<string | null, string | null | undefined, string | null>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  interests: ColumnType<string[], string[] | undefined, string[]>;
  preferences: ColumnType<TPreferences, string | undefined, string>;
  externalIds: ColumnType<TExternalId[], string | undefined, string>;
  customFields: ColumnType<Record<string, unknown>, string | undefined, string>;
  ownerId: string | null;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  createdBy: string | null;
  updatedBy: string | null;
};

export type TIdentifierKind = 'email' | 'phone' | 'externalId';

export type TPersonIdentifiersTable = {
  workspaceId: string;
  kind: TIdentifierKind;
  /** '' except for external ids. */
  source: string;
  value: string;
  personId: string;
};

export type TPersonCompaniesTable = {
  workspaceId: string;
  personId: string;
  companyId: string;
  isPrimary: boolean;
  position: number;
  createdAt: Generated<Date>;
};

export type TPeopleSettingsTable = {
  workspaceId: string;
  defaultCountry: string | null;
  lifecycleStages: ColumnType<{ key: string; label: string }[] | null, string | null, string | null>;
  updatedAt: Generated<Date>;
};
