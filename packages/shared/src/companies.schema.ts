import { z } from 'zod';
import { ZListQuery } from './common.schema.ts';
import { LIST_SORT, ZFilterParam } from './filters.schema.ts';
import { ZCustomFieldValues, ZExternalId, ZPostalAddress, ZTagList } from './people.schema.ts';

export const COMPANY_SIZES = [
  '1-10',
  '11-50',
  '51-200',
  '201-500',
  '501-1000',
  '1001-5000',
  '5001-10000',
  '10001+',
] as const;

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * A company domain as a lowercase hostname: a pasted URL, "www." and a trailing dot are dropped
 * and international names become their ASCII (punycode) form, so one company has one spelling.
 */
export function toDomain(value: string): string | null {
  const trimmed = value.trim().toLowerCase();
  if (!trimmed || /\s/.test(trimmed)) return null;
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(trimmed) ? trimmed : `http://${trimmed}`).hostname;
  } catch {
    return null;
  }
  host = host.replace(/\.$/, '').replace(/^www\./, '');
  const labels = host.split('.');
  const tld = labels.at(-1) ?? '';
  const isHostname =
    host.length <= 253 &&
    labels.length >= 2 &&
    labels.every((l) => HOST_LABEL.test(l)) &&
    /^([a-z]{2,63}|xn--[a-z0-9-]+)$/.test(tld);
  return isHostname ? host : null;
}

export const ZDomain = z
  .string()
  .max(300)
  .transform((value, ctx) => {
    const domain = toDomain(value);
    if (domain) return domain;
    ctx.addIssue({ code: 'custom', message: 'Not a domain name, e.g. "example.com"' });
    return z.NEVER;
  });

const currencies = new Set(Intl.supportedValuesOf('currency'));

/** An ISO 4217 currency code (any case in, upper case out). */
export const ZCurrencyCode = z.string().transform((value, ctx) => {
  const code = value.trim().toUpperCase();
  if (/^[A-Z]{3}$/.test(code) && currencies.has(code)) return code;
  ctx.addIssue({ code: 'custom', message: 'Not an ISO 4217 currency code, e.g. "EUR"' });
  return z.NEVER;
});

/**
 * Money is exact: a decimal string on the wire ("1250000.00"), numeric in SQL. A JSON number is
 * accepted on input when it has at most two decimals, and answered as a string.
 */
export const ZMoneyAmount = z.union([z.string().trim(), z.number()]).transform((value, ctx) => {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text === 'string' && /^\d{1,18}(\.\d{1,2})?$/.test(text)) return text;
  ctx.addIssue({
    code: 'custom',
    message: 'A non-negative amount with at most 2 decimals, e.g. "1250000.00"',
  });
  return z.NEVER;
});

const ZOptionalText = (max: number) => z.string().trim().max(max).nullable().optional();

const companyFields = {
  name: z.string().trim().min(1).max(200),
  domains: z
    .array(ZDomain)
    .max(20)
    .transform((domains) => [...new Set(domains)])
    .optional(),
  industry: ZOptionalText(120),
  size: z.enum(COMPANY_SIZES).nullable().optional().describe('Employee count band'),
  annualRevenue: ZMoneyAmount.nullable().optional(),
  currency: ZCurrencyCode.nullable().optional().describe('ISO 4217; required with annualRevenue'),
  addresses: z.array(ZPostalAddress).max(10).optional(),
  parentCompanyId: z.uuid().nullable().optional(),
  ownerId: z.uuid().nullable().optional(),
  tags: ZTagList.optional(),
  externalIds: z
    .array(ZExternalId)
    .max(20)
    .optional()
    .describe('Ids other systems give the company; each (source, id) belongs to one company'),
  customFields: ZCustomFieldValues.optional().describe('Values by custom field key; null clears one'),
};

export const ZCreateCompanyRequest = z.object(companyFields);
export type TCreateCompanyRequest = z.infer<typeof ZCreateCompanyRequest>;

export const ZUpdateCompanyRequest = z.object({ ...companyFields, name: companyFields.name.optional() });
export type TUpdateCompanyRequest = z.infer<typeof ZUpdateCompanyRequest>;

export const ZCompany = z
  .object({
    id: z.string(),
    name: z.string(),
    domains: z.array(z.string()),
    industry: z.string().nullable(),
    size: z.enum(COMPANY_SIZES).nullable(),
    annualRevenue: z.string().nullable(),
    currency: z.string().nullable(),
    addresses: z.array(
      z.object({
        label: z.string(),
        line1: z.string().nullable(),
        line2: z.string().nullable(),
        city: z.string().nullable(),
        region: z.string().nullable(),
        postalCode: z.string().nullable(),
        country: z.string().nullable(),
      }),
    ),
    parentCompanyId: z.string().nullable(),
    ownerId: z.string().nullable(),
    tags: z.array(z.string()),
    externalIds: z.array(z.object({ source: z.string(), id: z.string() })),
    customFields: z.record(z.string(), z.unknown()),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    createdBy: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'Company' });
export type TCompany = z.infer<typeof ZCompany>;

export const COMPANY_SORTS = ['name', 'createdAt', 'updatedAt'] as const;

export const ZListCompaniesQuery = ZListQuery.extend({
  q: z.string().trim().max(200).optional().describe('Matches names and domains'),
  ownerId: z.uuid().optional(),
  industry: z.string().trim().max(120).optional(),
  tag: z.string().max(100).optional(),
  parentCompanyId: z.uuid().optional(),
  externalId: z.string().max(300).optional().describe('`source:id`'),
  includeArchivedFields: z.stringbool().optional().describe('Show values of archived custom fields'),
  sort: z
    .union([
      z.enum([...COMPANY_SORTS, ...COMPANY_SORTS.map((s) => `-${s}` as const)]),
      z.string().regex(LIST_SORT, 'A field name, "-" first for descending'),
    ])
    .optional()
    .describe(
      'Field to sort by (any filterable field or customFields.<key>); a leading "-" sorts descending. Default name',
    ),
  filter: ZFilterParam.optional(),
  viewId: z.uuid().optional().describe('Apply this saved view; explicit filter and sort override it'),
});
export type TListCompaniesQuery = z.infer<typeof ZListCompaniesQuery>;
