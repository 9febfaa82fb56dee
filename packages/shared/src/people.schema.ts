import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import { ZListQuery } from './common.schema.ts';
import { LIST_SORT, ZFilterParam } from './filters.schema.ts';

const ZLabel = z.string().trim().max(40).default('other');
const ZOptionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** Region codes that are well-formed but name no country. */
const NON_COUNTRIES = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO']);
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** An ISO 3166-1 alpha-2 country code (any case in, upper case out), or null. */
export function toCountryCode(value: string): string | null {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code) || NON_COUNTRIES.has(code)) return null;
  return regionNames.of(code) === undefined ? null : code;
}

export const ZCountryCode = z.string().transform((value, ctx) => {
  const code = toCountryCode(value);
  if (code) return code;
  ctx.addIssue({ code: 'custom', message: 'Not an ISO 3166 country code, e.g. "AM"' });
  return z.NEVER;
});

/** A country whose phone numbering Kap knows: the default for numbers typed without "+". */
export const ZPhoneCountry = ZCountryCode.refine(
  (code): boolean => isSupportedCountry(code),
  'No phone numbering for this country',
);

/**
 * A phone number in E.164 (+37491123456), or null when it is not a valid number. A number
 * without "+" is read as a number of `defaultCountry`; with none, it cannot be read.
 */
export function normalizePhoneNumber(value: string, defaultCountry: string | null): string | null {
  const country =
    defaultCountry && isSupportedCountry(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(value, country ? { defaultCountry: country } : {});
  return parsed?.isValid() ? parsed.number : null;
}

/** The IANA time zone as the runtime names it (any case in), or null when there is no such zone. */
export function toTimeZone(value: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(value)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export const ZIanaTimeZone = z.string().transform((value, ctx) => {
  const zone = toTimeZone(value.trim());
  if (zone) return zone;
  ctx.addIssue({ code: 'custom', message: 'Not an IANA time zone, e.g. "Asia/Yerevan"' });
  return z.NEVER;
});

/** A BCP 47 language tag in its canonical form ("hy-am" → "hy-AM"). */
export const ZLanguageTag = z
  .string()
  .trim()
  .max(35)
  .transform((value, ctx) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(value);
      if (canonical) return canonical;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: 'custom', message: 'Not a language tag, e.g. "hy" or "lt-LT"' });
    return z.NEVER;
  });

/** Free-text labels such as tags: trimmed, no empties, each once, order kept. */
export const ZTagList = z
  .array(z.string().trim().min(1).max(100))
  .max(100)
  .transform((tags) => [...new Set(tags)]);

export const ZPostalAddress = z
  .object({
    label: ZLabel,
    line1: ZOptionalText(200),
    line2: ZOptionalText(200),
    city: ZOptionalText(120),
    region: ZOptionalText(120),
    postalCode: ZOptionalText(20),
    country: ZCountryCode.nullable().optional(),
  })
  .transform((a) => ({
    label: a.label,
    line1: a.line1 || null,
    line2: a.line2 || null,
    city: a.city || null,
    region: a.region || null,
    postalCode: a.postalCode || null,
    country: a.country ?? null,
  }))
  .refine((a) => Boolean(a.line1 || a.line2 || a.city || a.region || a.postalCode || a.country), {
    message: 'An address needs at least one part',
  });
export type TPostalAddress = z.output<typeof ZPostalAddress>;

const ZAddressOut = z.object({
  label: z.string(),
  line1: z.string().nullable(),
  line2: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string().nullable(),
});

export const ZPersonEmail = z.object({
  email: z
    .email()
    .max(254)
    .transform((value) => value.toLowerCase()),
  label: ZLabel,
  isPrimary: z.boolean().default(false),
});

/** Checked loosely here; the server stores E.164, reading "+"-less numbers with the workspace's country. */
export const ZPersonPhone = z.object({
  number: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()./-]{5,30}$/, 'Not a phone number'),
  label: ZLabel,
  isPrimary: z.boolean().default(false),
});

/** Where an external id comes from (a shop, POS, app): no ":", so `source:id` filters stay unambiguous. */
export const ZExternalId = z.object({
  source: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,60}$/, 'Letters, digits, "_", "." and "-" only (at most 60)'),
  id: z.string().trim().min(1).max(200),
});
export type TExternalId = z.infer<typeof ZExternalId>;

export const PREFERRED_CHANNELS = [
  'email',
  'phone',
  'sms',
  'whatsapp',
  'viber',
  'telegram',
  'messenger',
  'post',
  'inPerson',
  'other',
] as const;

const ZPreferences = z
  .record(z.string().min(1).max(100), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]))
  .refine((value) => Object.keys(value).length <= 100, 'At most 100 preferences');

export const ZCustomFieldValues = z
  .record(z.string().min(1).max(63), z.unknown())
  .refine((value) => Object.keys(value).length <= 200, 'At most 200 custom fields');

const personFields = {
  firstName: ZOptionalText(120),
  lastName: ZOptionalText(120),
  displayName: ZOptionalText(250).describe('How the person is named; empty or null: "first last"'),
  emails: z.array(ZPersonEmail).max(20).optional(),
  phones: z.array(ZPersonPhone).max(20).optional(),
  addresses: z.array(ZPostalAddress).max(10).optional(),
  birthDate: z.iso.date().nullable().optional(),
  gender: ZOptionalText(60),
  preferredLanguage: ZLanguageTag.nullable().optional(),
  preferredChannel: z.enum(PREFERRED_CHANNELS).nullable().optional(),
  timezone: ZIanaTimeZone.nullable().optional(),
  jobTitle: ZOptionalText(200),
  companyIds: z
    .array(z.uuid())
    .max(50)
    .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))])
    .optional(),
  primaryCompanyId: z.uuid().nullable().optional().describe('One of companyIds; default: the first'),
  ownerId: z.uuid().nullable().optional(),
  lifecycleStage: z
    .string()
    .trim()
    .max(40)
    .nullable()
    .optional()
    .describe('A key of the workspace lifecycle stages'),
  leadSource: ZOptionalText(200),
  tags: ZTagList.optional(),
  interests: ZTagList.optional(),
  preferences: ZPreferences.optional(),
  externalIds: z.array(ZExternalId).max(20).optional(),
  customFields: ZCustomFieldValues.optional().describe('Values by custom field key; null clears one'),
};

export const ZCreatePersonRequest = z
  .object(personFields)
  .refine(
    (p) =>
      Boolean(
        p.firstName ||
          p.lastName ||
          p.displayName ||
          p.emails?.length ||
          p.phones?.length ||
          p.externalIds?.length,
      ),
    { message: 'A person needs a name, an email, a phone or an external id', path: ['firstName'] },
  );
export type TCreatePersonRequest = z.infer<typeof ZCreatePersonRequest>;

export const ZUpdatePersonRequest = z.object(personFields);
export type TUpdatePersonRequest = z.infer<typeof ZUpdatePersonRequest>;

export const ZPerson = z
  .object({
    id: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    displayName: z.string(),
    emails: z.array(z.object({ email: z.string(), label: z.string(), isPrimary: z.boolean() })),
    phones: z.array(z.object({ number: z.string(), label: z.string(), isPrimary: z.boolean() })),
    addresses: z.array(ZAddressOut),
    birthDate: z.string().nullable(),
    gender: z.string().nullable(),
    preferredLanguage: z.string().nullable(),
    preferredChannel: z.string().nullable(),
    timezone: z.string().nullable(),
    jobTitle: z.string().nullable(),
    companyIds: z.array(z.string()),
    primaryCompanyId: z.string().nullable(),
    ownerId: z.string().nullable(),
    lifecycleStage: z.string().nullable(),
    leadSource: z.string().nullable(),
    tags: z.array(z.string()),
    interests: z.array(z.string()),
    preferences: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    externalIds: z.array(z.object({ source: z.string(), id: z.string() })),
    customFields: z.record(z.string(), z.unknown()),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    createdBy: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'Person' });
export type TPerson = z.infer<typeof ZPerson>;

export const PERSON_SORTS = ['createdAt', 'updatedAt', 'firstName', 'lastName', 'displayName'] as const;

export const ZListPeopleQuery = ZListQuery.extend({
  q: z.string().trim().max(200).optional().describe('Matches names and emails'),
  ownerId: z.uuid().optional(),
  companyId: z.uuid().optional(),
  lifecycleStage: z.string().max(40).optional(),
  tag: z.string().max(100).optional(),
  email: z.string().trim().max(254).optional().describe('People with this email (exact, any case)'),
  phone: z.string().trim().max(40).optional().describe('People with this phone number (any format)'),
  externalId: z.string().max(300).optional().describe('`source:id`'),
  includeArchivedFields: z.stringbool().optional().describe('Show values of archived custom fields'),
  sort: z
    .union([
      z.enum([...PERSON_SORTS, ...PERSON_SORTS.map((s) => `-${s}` as const)]),
      z.string().regex(LIST_SORT, 'A field name, "-" first for descending'),
    ])
    .optional()
    .describe(
      'Field to sort by (any filterable field or customFields.<key>); a leading "-" sorts descending. Default -createdAt',
    ),
  filter: ZFilterParam.optional(),
  viewId: z.uuid().optional().describe('Apply this saved view; explicit filter and sort override it'),
});
export type TListPeopleQuery = z.infer<typeof ZListPeopleQuery>;

export const ZRecordQuery = z.object({
  includeArchivedFields: z.stringbool().optional().describe('Show values of archived custom fields'),
});

export const DEFAULT_LIFECYCLE_STAGES = [
  { key: 'subscriber', label: 'Subscriber' },
  { key: 'lead', label: 'Lead' },
  { key: 'qualifiedLead', label: 'Qualified lead' },
  { key: 'opportunity', label: 'Opportunity' },
  { key: 'customer', label: 'Customer' },
  { key: 'evangelist', label: 'Evangelist' },
  { key: 'other', label: 'Other' },
] as const;

export const ZLifecycleStages = z
  .object({
    stages: z
      .array(
        z.object({
          key: z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, 'camelCase letters and digits, at most 40'),
          label: z.string().trim().min(1).max(80),
        }),
      )
      .min(1)
      .max(50)
      .refine((stages) => new Set(stages.map((s) => s.key)).size === stages.length, 'Each key once'),
  })
  .meta({ id: 'LifecycleStages' });
export type TLifecycleStages = z.infer<typeof ZLifecycleStages>;

export const ZDefaultCountry = z
  .object({ defaultCountry: ZPhoneCountry.nullable().describe('For phone numbers typed without "+"') })
  .meta({ id: 'DefaultCountry' });
export type TDefaultCountry = z.infer<typeof ZDefaultCountry>;
