import type {
  TCreateActivityRequest,
  TCreateCompanyRequest,
  TCreatePersonRequest,
  TCustomFieldType,
  TExternalId,
  TOrderChannel,
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

export type TProductImportRecord = {
  /** Empty cells are left out, so fill-empty and overwrite never clear a field. */
  input: {
    sku: string;
    name?: string;
    category?: string;
    description?: string;
    price?: string;
    currency?: string;
    isActive?: boolean;
    customFields?: Record<string, unknown>;
  };
};

/** The statuses a file may carry: Kap's input statuses and the refund ones (see import-orders.batch.ts). */
export type TImportedOrderStatus =
  | 'placed'
  | 'paid'
  | 'fulfilled'
  | 'cancelled'
  | 'refunded'
  | 'partiallyRefunded';

/** One row of an orders file: one line of the order `orderId`, and the order's fields as the row has them. */
export type TOrderImportRecord = {
  orderId: string;
  /** Order-level fields the row carries (shop exports often fill them on the first line only). */
  order: {
    source?: string;
    channel?: TOrderChannel;
    location?: string;
    occurredAt?: string;
    status?: TImportedOrderStatus;
    currency?: string;
    note?: string;
  };
  customer: { email?: string; phone?: string; externalId?: TExternalId; companyName?: string };
  line: {
    sku: string | null;
    name: string | null;
    quantity: string;
    unitPrice?: string;
    discount?: string;
    tax?: string;
    taxRate?: string;
  };
};

export type TImportRecord =
  | TPersonImportRecord
  | TCompanyImportRecord
  | TActivityImportRecord
  | TProductImportRecord
  | TOrderImportRecord;

/** A rejected row: `reason` names the column and what is wrong; `column` is its header (null: the row as a whole). */
export type TRowRejection = { ok: false; reason: string; column: string | null };
export type TRowConversion<R extends TImportRecord = TImportRecord> = { ok: true; record: R } | TRowRejection;
export type TRowConverter<R extends TImportRecord = TImportRecord> = (row: TSourceRow) => TRowConversion<R>;
