import type { TCompany, TCustomFieldType, TExportObjectType, TPerson, TPostalAddress } from '@kap/shared';
import { AppError } from '../../lib/errors.ts';

/** One cell as written: CSV turns it into text, xlsx keeps numbers, booleans and dates typed. */
export type TCell = string | number | boolean | Date | null;

/** What cells need beyond the record: names of owners and of linked companies. */
export type TRowContext = {
  members: ReadonlyMap<string, { name: string; email: string }>;
  companyNames: ReadonlyMap<string, string>;
};

export type TColumn<R> = { key: string; header: string; value: (row: R, ctx: TRowContext) => TCell };

export type TFieldDefinitionForExport = {
  key: string;
  label: string;
  type: TCustomFieldType;
  options: readonly { value: string; label: string }[] | null;
};

type TRecord = TPerson | TCompany;
type TContactPoint = { isPrimary: boolean };

const LIST_SEPARATOR = '; ';
const join = (values: readonly string[]) => (values.length > 0 ? values.join(LIST_SEPARATOR) : null);
const primaryFirst = <T extends TContactPoint>(items: readonly T[]): T[] => {
  const primary = items.find((item) => item.isPrimary) ?? items[0];
  return primary ? [primary, ...items.filter((item) => item !== primary)] : [];
};
const dateOf = (iso: string) => new Date(iso);
const externalIdsCell = (row: TRecord) => join(row.externalIds.map((e) => `${e.source}:${e.id}`));
const formatAddress = (a: TPostalAddress) =>
  [a.line1, a.line2, a.postalCode, a.city, a.region, a.country].filter(Boolean).join(', ');
const street = (a: TPostalAddress | undefined) =>
  a ? [a.line1, a.line2].filter(Boolean).join(', ') || null : null;

/** Address parts of the first address, the others as text: what both record types carry. */
function addressColumns<R extends TRecord>(): TColumn<R>[] {
  const first = (row: R) => row.addresses[0];
  return [
    { key: 'street', header: 'Street', value: (row) => street(first(row)) },
    { key: 'city', header: 'City', value: (row) => first(row)?.city ?? null },
    { key: 'region', header: 'Region', value: (row) => first(row)?.region ?? null },
    { key: 'postalCode', header: 'Postal code', value: (row) => first(row)?.postalCode ?? null },
    { key: 'country', header: 'Country', value: (row) => first(row)?.country ?? null },
    {
      key: 'otherAddresses',
      header: 'Other addresses',
      value: (row) => join(row.addresses.slice(1).map(formatAddress)),
    },
  ];
}

function ownerColumns<R extends TRecord>(): TColumn<R>[] {
  return [
    {
      key: 'ownerId',
      header: 'Owner',
      value: (row, ctx) => (row.ownerId ? (ctx.members.get(row.ownerId)?.name ?? null) : null),
    },
    {
      key: 'ownerEmail',
      header: 'Owner email',
      value: (row, ctx) => (row.ownerId ? (ctx.members.get(row.ownerId)?.email ?? null) : null),
    },
  ];
}

function timeColumns<R extends TRecord>(): TColumn<R>[] {
  return [
    { key: 'createdAt', header: 'Created', value: (row) => dateOf(row.createdAt) },
    { key: 'updatedAt', header: 'Updated', value: (row) => dateOf(row.updatedAt) },
  ];
}

const PERSON_COLUMNS: TColumn<TPerson>[] = [
  { key: 'id', header: 'ID', value: (p) => p.id },
  { key: 'firstName', header: 'First name', value: (p) => p.firstName },
  { key: 'lastName', header: 'Last name', value: (p) => p.lastName },
  { key: 'displayName', header: 'Display name', value: (p) => p.displayName },
  { key: 'emails', header: 'Email', value: (p) => primaryFirst(p.emails)[0]?.email ?? null },
  {
    key: 'otherEmails',
    header: 'Other emails',
    value: (p) =>
      join(
        primaryFirst(p.emails)
          .slice(1)
          .map((e) => e.email),
      ),
  },
  { key: 'phones', header: 'Phone', value: (p) => primaryFirst(p.phones)[0]?.number ?? null },
  {
    key: 'otherPhones',
    header: 'Other phones',
    value: (p) =>
      join(
        primaryFirst(p.phones)
          .slice(1)
          .map((e) => e.number),
      ),
  },
  { key: 'jobTitle', header: 'Job title', value: (p) => p.jobTitle },
  {
    key: 'companies',
    header: 'Companies',
    value: (p, ctx) => {
      const ids = p.primaryCompanyId
        ? [p.primaryCompanyId, ...p.companyIds.filter((id) => id !== p.primaryCompanyId)]
        : p.companyIds;
      return join(ids.flatMap((id) => ctx.companyNames.get(id) ?? []));
    },
  },
  { key: 'lifecycleStage', header: 'Lifecycle stage', value: (p) => p.lifecycleStage },
  { key: 'leadSource', header: 'Lead source', value: (p) => p.leadSource },
  { key: 'tags', header: 'Tags', value: (p) => join(p.tags) },
  { key: 'interests', header: 'Interests', value: (p) => join(p.interests) },
  { key: 'gender', header: 'Gender', value: (p) => p.gender },
  { key: 'birthDate', header: 'Birth date', value: (p) => p.birthDate },
  { key: 'preferredLanguage', header: 'Preferred language', value: (p) => p.preferredLanguage },
  { key: 'preferredChannel', header: 'Preferred channel', value: (p) => p.preferredChannel },
  { key: 'timezone', header: 'Time zone', value: (p) => p.timezone },
  ...addressColumns<TPerson>(),
  {
    key: 'externalIds',
    header: 'External ids',
    value: externalIdsCell,
  },
  ...ownerColumns<TPerson>(),
  ...timeColumns<TPerson>(),
];

const COMPANY_COLUMNS: TColumn<TCompany>[] = [
  { key: 'id', header: 'ID', value: (c) => c.id },
  { key: 'name', header: 'Name', value: (c) => c.name },
  { key: 'domains', header: 'Domains', value: (c) => join(c.domains) },
  { key: 'industry', header: 'Industry', value: (c) => c.industry },
  { key: 'size', header: 'Size', value: (c) => c.size },
  {
    key: 'annualRevenue',
    header: 'Annual revenue',
    // Exact decimal text: a JS number could round a large amount.
    value: (c) => c.annualRevenue,
  },
  { key: 'currency', header: 'Currency', value: (c) => c.currency },
  {
    key: 'parentCompanyId',
    header: 'Parent company',
    value: (c, ctx) => (c.parentCompanyId ? (ctx.companyNames.get(c.parentCompanyId) ?? null) : null),
  },
  { key: 'tags', header: 'Tags', value: (c) => join(c.tags) },
  ...addressColumns<TCompany>(),
  { key: 'externalIds', header: 'External ids', value: externalIdsCell },
  ...ownerColumns<TCompany>(),
  ...timeColumns<TCompany>(),
];

/** The columns a list shows when nobody chose any (the web app's defaults). */
const DEFAULT_VISIBLE: Record<TExportObjectType, readonly string[]> = {
  person: ['firstName', 'lastName', 'emails', 'phones', 'lifecycleStage', 'createdAt'],
  company: ['name', 'domains', 'industry', 'size', 'createdAt'],
};

const CUSTOM_PREFIX = 'customFields.';

function customCell(field: TFieldDefinitionForExport, value: unknown, ctx: TRowContext): TCell {
  if (value === null || value === undefined || value === '') return null;
  const label = (v: unknown) => field.options?.find((o) => o.value === v)?.label ?? String(v);
  switch (field.type) {
    case 'number':
      return typeof value === 'number' ? value : String(value);
    case 'boolean':
      return typeof value === 'boolean' ? value : String(value);
    case 'currency': {
      const money = value as { amount?: unknown; currency?: unknown };
      return typeof money === 'object'
        ? `${money.amount ?? ''} ${money.currency ?? ''}`.trim()
        : String(value);
    }
    case 'select':
      return label(value);
    case 'multiSelect':
      return Array.isArray(value) ? join(value.map(label)) : label(value);
    case 'user':
      return typeof value === 'string' ? (ctx.members.get(value)?.name ?? value) : String(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

function customColumn<R extends TRecord>(field: TFieldDefinitionForExport): TColumn<R> {
  return {
    key: `${CUSTOM_PREFIX}${field.key}`,
    header: field.label,
    value: (row, ctx) => customCell(field, row.customFields[field.key], ctx),
  };
}

export type TColumnChoice = 'visible' | 'all' | readonly string[];

/**
 * The columns of an export, in order. "all": every standard column then every (active) custom
 * field; "visible": the view's columns, else the list's defaults (keys no longer known are left
 * out, as the list leaves them out); a list of keys: exactly those, an unknown key is a 400 at
 * `columns.N`.
 */
export function resolveColumns<R extends TRecord>(
  objectType: TExportObjectType,
  choice: TColumnChoice,
  fields: readonly TFieldDefinitionForExport[],
  viewColumns: readonly string[] | null,
): TColumn<R>[] {
  const standard = (objectType === 'person' ? PERSON_COLUMNS : COMPANY_COLUMNS) as unknown as TColumn<R>[];
  const all = [...standard, ...fields.map((f) => customColumn<R>(f))];
  if (choice === 'all') return all;
  const byKey = new Map(all.map((column) => [column.key, column]));
  if (choice === 'visible') {
    const keys = viewColumns && viewColumns.length > 0 ? viewColumns : DEFAULT_VISIBLE[objectType];
    return keys.flatMap((key) => byKey.get(key) ?? []);
  }
  const details = choice.flatMap((key, i) =>
    byKey.has(key) ? [] : [{ path: `columns.${i}`, message: `Unknown column "${key}"` }],
  );
  const first = details[0];
  if (first) throw new AppError('VALIDATION_FAILED', `Invalid ${first.path}: ${first.message}`, details);
  return [...new Set(choice)].flatMap((key) => byKey.get(key) ?? []);
}

/** Company ids a batch's cells name (people's companies, companies' parents). */
export function companyIdsOf(objectType: TExportObjectType, rows: readonly TRecord[]): string[] {
  if (objectType === 'person') return (rows as TPerson[]).flatMap((p) => p.companyIds);
  return (rows as TCompany[]).flatMap((c) => (c.parentCompanyId ? [c.parentCompanyId] : []));
}

const PERSON_COLUMN_FIELDS: Record<string, readonly (keyof TPerson)[]> = {
  emails: ['emails'],
  otherEmails: ['emails'],
  phones: ['phones'],
  otherPhones: ['phones'],
  companies: ['companyIds', 'primaryCompanyId'],
  street: ['addresses'],
  city: ['addresses'],
  region: ['addresses'],
  postalCode: ['addresses'],
  country: ['addresses'],
  otherAddresses: ['addresses'],
  ownerEmail: ['ownerId'],
};

/** The person fields the columns read, so the export selects only those from the table. */
export function personFieldsOf(columns: readonly { key: string }[]): (keyof TPerson)[] {
  const fields = new Set<keyof TPerson>();
  for (const { key } of columns) {
    const read = key.startsWith(CUSTOM_PREFIX)
      ? (['customFields'] as const)
      : (PERSON_COLUMN_FIELDS[key] ?? [key as keyof TPerson]);
    for (const field of read) fields.add(field);
  }
  return [...fields];
}
