import type {
  TCreateActivityRequest,
  TCreateCompanyRequest,
  TCreatePersonRequest,
  TCustomFieldType,
  TExternalId,
} from '@kap/shared';
import type { TSourceRow } from '../reading/index.ts';

/** What converting needs of a custom field definition (rows of the custom-fields module fit). */
export type TImportCustomField = {
  key: string;
  label: string;
  type: TCustomFieldType;
  options: { value: string; label: string }[] | null;
  isArchived?: boolean;
};

export type TConverterContext = {
  /** Definitions of the object type's custom fields (archived ones are refused as targets). */
  customFields: readonly TImportCustomField[];
  /** For phone numbers without "+"; the mapping's `options.defaultCountry` wins. */
  defaultCountry: string | null;
  lifecycleStages: readonly { key: string; label: string }[];
  /** Members by lower-case email, for owner and user columns. */
  memberIdsByEmail: ReadonlyMap<string, string>;
  /**
   * The file's headers (`TTableShape.headers`): `TSourceRow.values` are found by column name, so
   * a mapping may list columns in any order or leave some out.
   */
  headers: readonly string[];
};

export type TPersonImportRecord = {
  /** Empty cells are left out (never null), so an update never clears a field. */
  input: TCreatePersonRequest;
  companyName: string | null;
  match: { email: string | null; phone: string | null; externalId: TExternalId | null };
};

export type TCompanyImportRecord = {
  input: TCreateCompanyRequest;
  match: { name: string; domain: string | null; externalId: TExternalId | null };
};

export type TActivityImportRecord = {
  input: Omit<TCreateActivityRequest, 'personIds' | 'companyIds'>;
  personMatch: { email: string | null; externalId: TExternalId | null };
  companyName: string | null;
  /** The activity's own id in the file's system, if mapped: its identity for re-imports. */
  externalId: TExternalId | null;
};

export type TImportRecord = TPersonImportRecord | TCompanyImportRecord | TActivityImportRecord;

/** A rejected row: `reason` names the column and what is wrong; `column` is its header (null: the row as a whole). */
export type TRowRejection = { ok: false; reason: string; column: string | null };
export type TRowConversion<R extends TImportRecord = TImportRecord> = { ok: true; record: R } | TRowRejection;
export type TRowConverter<R extends TImportRecord = TImportRecord> = (row: TSourceRow) => TRowConversion<R>;
