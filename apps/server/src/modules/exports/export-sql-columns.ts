import type { TExportObjectType } from '@kap/shared';
import { toSqlLiteral } from '../../lib/sql-copy.ts';
import type { TFieldDefinitionForExport, TRowContext } from './export-columns.ts';

/**
 * The export's columns as SQL over the list's rows (alias `r`, columns named as the tables name
 * them), each giving exactly the text the CSV writer makes of the record's cell (see
 * export-columns.ts and csvText in export-writers.ts): lists joined with "; ", primary email and
 * phone first, address parts, names of owners and visible companies, times as ISO 8601 UTC with
 * milliseconds, custom field labels, and text that a spreadsheet would run as a formula written
 * with a leading apostrophe. An empty cell is NULL, which COPY writes as an empty field.
 */
export type TSqlCellContext = {
  members: TRowContext['members'];
  /** The visible company's name for an SQL uuid expression, else null. */
  companyName: (idSql: string) => string;
};

type TSqlColumn = (ctx: TSqlCellContext) => string;

// FORMULA_START of export-writers.ts; \s spelled out as JavaScript's whitespace (PostgreSQL's
// class depends on the locale), \d as ASCII digits, as in JavaScript.
const JS_SPACE = '\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const FORMULA_START = toSqlLiteral(`^(?=[=@\t\r]|[+-][^0-9${JS_SPACE}.])`);

/** Text as the CSV writer writes a string cell: formula-safe, empty as NULL. */
const text = (expr: string) => `nullif(regexp_replace(${expr}, ${FORMULA_START}, ''''), '')`;
const LIST_SEPARATOR = toSqlLiteral('; ');
const joinArray = (expr: string) => text(`array_to_string(${expr}, ${LIST_SEPARATOR})`);
const isoTime = (expr: string) => `to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const nonEmpty = (expr: string) => `nullif(${expr}, '')`;

/** Elements of a jsonb array with their 1-based position `n`. */
const elements = (array: string, alias: string) => `jsonb_array_elements(${array}) with ordinality ${alias}`;

/** The first item marked primary, else the first (primaryFirst in export-columns.ts). */
const primaryPosition = (array: string) =>
  `coalesce((select p.n from ${elements(array, 'p(e, n)')} where p.e->'isPrimary' = 'true' order by p.n limit 1), 1)`;
const primaryItem = (array: string, key: string) =>
  text(`(${array}) -> (${primaryPosition(array)} - 1)::int ->> ${toSqlLiteral(key)}`);
const otherItems = (array: string, key: string) =>
  text(
    `(select string_agg(o.e->>${toSqlLiteral(key)}, ${LIST_SEPARATOR} order by o.n) from ${elements(array, 'o(e, n)')}
      where o.n <> ${primaryPosition(array)})`,
  );

const addressPart = (address: string, part: string) => `nullif(${address}->>${toSqlLiteral(part)}, '')`;
const formatAddress = (address: string) =>
  `concat_ws(', ', ${['line1', 'line2', 'postalCode', 'city', 'region', 'country'].map((p) => addressPart(address, p)).join(', ')})`;

function addressColumns(): Record<string, TSqlColumn> {
  const first = 'r.addresses->0';
  return {
    street: () => text(`concat_ws(', ', ${addressPart(first, 'line1')}, ${addressPart(first, 'line2')})`),
    city: () => text(`${first}->>'city'`),
    region: () => text(`${first}->>'region'`),
    postalCode: () => text(`${first}->>'postalCode'`),
    country: () => text(`${first}->>'country'`),
    otherAddresses: () =>
      text(
        `(select string_agg(${formatAddress('a.e')}, ${LIST_SEPARATOR} order by a.n) from ${elements('r.addresses', 'a(e, n)')} where a.n > 1)`,
      ),
  };
}

/** A JSON object inlined as a jsonb constant (PostgreSQL parses it once per statement). */
const jsonbConstant = (value: Record<string, string>) => `${toSqlLiteral(JSON.stringify(value))}::jsonb`;

function memberSql(ctx: TSqlCellContext, part: 'name' | 'email', idSql: string): string {
  const byId = Object.fromEntries([...ctx.members].map(([id, member]) => [id, member[part]]));
  return `${jsonbConstant(byId)} ->> (${idSql})`;
}

const COMMON_COLUMNS: Record<string, TSqlColumn> = {
  id: () => 'r.id::text',
  tags: () => joinArray('r.tags'),
  ...addressColumns(),
  ownerId: (ctx) => text(memberSql(ctx, 'name', 'r.owner_id::text')),
  ownerEmail: (ctx) => text(memberSql(ctx, 'email', 'r.owner_id::text')),
  externalIds: () =>
    text(
      `(select string_agg(concat(x.e->>'source', ':', x.e->>'id'), ${LIST_SEPARATOR} order by x.n) from ${elements('r.external_ids', 'x(e, n)')})`,
    ),
  createdAt: () => isoTime('r.created_at'),
  updatedAt: () => isoTime('r.updated_at'),
};

const PERSON_COLUMNS: Record<string, TSqlColumn> = {
  ...COMMON_COLUMNS,
  firstName: () => text('r.first_name'),
  lastName: () => text('r.last_name'),
  displayName: () => text('r.display_name_sort'),
  emails: () => primaryItem('r.emails', 'email'),
  otherEmails: () => otherItems('r.emails', 'email'),
  phones: () => primaryItem('r.phones', 'number'),
  otherPhones: () => otherItems('r.phones', 'number'),
  jobTitle: () => text('r.job_title'),
  // The primary link first, then the others in the person's order; companies the actor may not
  // see are left out. The ids are cast in a subquery of their own (offset 0: not flattened) so the
  // name lookup compares the key with a plain value: under row-level security a non-leakproof
  // cast (text → uuid) in the condition would keep it from being an index condition (a sequential
  // scan of the workspace's companies per link).
  companies: (ctx) =>
    text(`(select string_agg(c.name, ${LIST_SEPARATOR} order by c.is_primary desc, c.n) from (
      select ${ctx.companyName('l.company_id')} as name, l.n, l.is_primary
        from (select (k.e->>0)::uuid as company_id, k.n,
                     k.n = coalesce((select min(f.n) from ${elements('r.company_links', 'f(e, n)')} where f.e->1 = 'true'), 0) as is_primary
                from ${elements('r.company_links', 'k(e, n)')} offset 0) l) c)`),
  lifecycleStage: () => text('r.lifecycle_stage'),
  leadSource: () => text('r.lead_source'),
  interests: () => joinArray('r.interests'),
  gender: () => text('r.gender'),
  birthDate: () => `to_char(r.birth_date, 'YYYY-MM-DD')`,
  preferredLanguage: () => text('r.preferred_language'),
  preferredChannel: () => text('r.preferred_channel'),
  timezone: () => text('r.timezone'),
};

const COMPANY_COLUMNS: Record<string, TSqlColumn> = {
  ...COMMON_COLUMNS,
  name: () => text('r.name'),
  domains: () => joinArray('r.domains'),
  industry: () => text('r.industry'),
  size: () => text('r.size'),
  annualRevenue: () => nonEmpty('r.annual_revenue::text'),
  currency: () => text('r.currency'),
  parentCompanyId: (ctx) => text(ctx.companyName('r.parent_company_id')),
};

const CUSTOM_PREFIX = 'customFields.';
/** A jsonb scalar as JavaScript's String() gives it (a string without its quotes). */
const scalarText = (value: string) => `(${value} #>> '{}')`;

/** A custom field's cell (customCell in export-columns.ts). */
function customFieldSql(field: TFieldDefinitionForExport, ctx: TSqlCellContext): string {
  const v = `(r.custom_fields -> ${toSqlLiteral(field.key)})`;
  const labels: Record<string, string> = {};
  for (const option of field.options ?? []) labels[option.value] ??= option.label;
  const label = (value: string) =>
    field.options?.length
      ? `case when jsonb_typeof(${value}) = 'string' then coalesce(${jsonbConstant(labels)} ->> ${scalarText(value)}, ${scalarText(value)}) else ${scalarText(value)} end`
      : scalarText(value);
  switch (field.type) {
    case 'currency':
      return text(`case jsonb_typeof(${v})
        when 'object' then btrim(concat(${v}->>'amount', ' ', ${v}->>'currency'), ' ')
        when 'array' then null else ${scalarText(v)} end`);
    case 'select':
      return text(label(v));
    case 'multiSelect':
      return text(`case when jsonb_typeof(${v}) = 'array'
        then (select string_agg(${label('m.e')}, ${LIST_SEPARATOR} order by m.n) from ${elements(v, 'm(e, n)')})
        else ${label(v)} end`);
    case 'user':
      return text(
        `case when jsonb_typeof(${v}) = 'string' then coalesce(${memberSql(ctx, 'name', scalarText(v))}, ${scalarText(v)}) else ${scalarText(v)} end`,
      );
    default:
      return text(scalarText(v));
  }
}

/**
 * The SELECT that COPY writes: one text column per export column over the list's query, in the
 * list's order (the inner query's ORDER BY: PostgreSQL keeps a sorted subquery as it is).
 */
export function buildCsvSelect(
  objectType: TExportObjectType,
  columnKeys: readonly string[],
  fields: readonly TFieldDefinitionForExport[],
  ctx: TSqlCellContext,
  rowsSql: string,
): string {
  const standard = objectType === 'person' ? PERSON_COLUMNS : COMPANY_COLUMNS;
  const cells = columnKeys.map((key) => {
    const field = key.startsWith(CUSTOM_PREFIX)
      ? fields.find((f) => `${CUSTOM_PREFIX}${f.key}` === key)
      : undefined;
    const column = field ? (c: TSqlCellContext) => customFieldSql(field, c) : standard[key];
    if (!column) throw new Error(`No SQL for export column ${key}`);
    return column(ctx);
  });
  return `select ${cells.length > 0 ? cells.join(',\n  ') : 'null'} from (${rowsSql}) as r`;
}
