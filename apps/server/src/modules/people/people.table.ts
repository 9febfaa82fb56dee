import type { ColumnType, Generated } from 'kysely';

export type TEmailValue = { email: string; label: string; isPrimary: boolean };
export type TPhoneValue = { number: string; label: string; isPrimary: boolean };

type TJsonArray<T> = ColumnType<T[], string, string>;

export type TPeopleTable = {
  workspaceId: string;
  id: string;
  firstName: string | null;
  lastName: string | null;
  firstNameSort: ColumnType<string, never, never>;
  lastNameSort: ColumnType<string, never, never>;
  emails: TJsonArray<TEmailValue>;
  phones: TJsonArray<TPhoneValue>;
  ownerId: string | null;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  createdBy: string | null;
  updatedBy: string | null;
};
