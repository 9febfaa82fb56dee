import {
  ACTIVITY_TYPES,
  CHANNELS,
  COMPANY_SIZES,
  PREFERRED_CHANNELS,
  type TImportMappingOptions,
  type TImportObjectType,
  type TImportTarget,
  ZCreateCompanyRequest,
  ZCreateProductRequest,
} from '@kap/shared';
import type { z } from 'zod';
import type { TConverterContext } from './converter-types.ts';
import { createDateParser, createDateTimeParser } from './date-parsers.ts';
import {
  createDecimalParser,
  parseActiveFlag,
  parseOrderChannel,
  parseOrderStatus,
} from './order-product-parsers.ts';
import { failed, parsed, quote, type TParseResult } from './parse-result.ts';
import {
  createListParser,
  createMoneyParser,
  createOptionMatcher,
  createPhoneParser,
  parseCountry,
  parseCurrency,
  parseDomain,
  parseDuration,
  parseEmail,
  parseLanguage,
  parseTimeZone,
  toNumberText,
} from './value-parsers.ts';

export type TTextParser = (text: string) => TParseResult<unknown>;

/** The longest text each target takes, as the create-request schemas allow. */
const TEXT_LIMITS: Record<string, number> = {
  firstName: 120,
  lastName: 120,
  displayName: 250,
  company: 200,
  companyName: 200,
  jobTitle: 200,
  gender: 60,
  leadSource: 200,
  addressStreet: 200,
  addressLine2: 200,
  addressCity: 120,
  addressRegion: 120,
  addressPostalCode: 20,
  industry: 120,
  subject: 500,
  outcome: 200,
  body: 200_000,
  sku: 100,
  category: 120,
  description: 5000,
  orderId: 200,
  orderSource: 100,
  location: 200,
  note: 5000,
  productSku: 100,
  productName: 500,
};

/** The `max` of a schema's string: the create-request schema is the one source of the limit. */
function maxLengthOf(schema: z.ZodString): number {
  if (schema.maxLength === null) throw new Error('The schema has no maximum length');
  return schema.maxLength;
}

/** Targets whose limit depends on the object type (a company's name is shorter than a product's). */
const TEXT_LIMITS_BY_TYPE: Partial<Record<TImportObjectType, Record<string, number>>> = {
  company: { name: maxLengthOf(ZCreateCompanyRequest.shape.name) },
  product: { name: maxLengthOf(ZCreateProductRequest.shape.name) },
};

export function createTextParser(max: number): TTextParser {
  return (text) => (text.length > max ? failed(`is longer than ${max} characters`) : parsed(text));
}

/** Matches text to one of `values` by the value itself or an alias, in any case and spacing. */
export function createAliasMatcher(
  values: readonly string[],
  aliases: Record<string, string>,
  what: string,
): (text: string) => TParseResult<string> {
  const byText = new Map<string, string>();
  const squash = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, '');
  for (const [alias, value] of Object.entries(aliases)) byText.set(squash(alias), value);
  for (const value of values) byText.set(squash(value), value);
  const listed = values.join(', ');
  return (text) => {
    const value = byText.get(squash(text));
    return value === undefined ? failed(`${quote(text)} is not ${what} (${listed})`) : parsed(value);
  };
}

const parsePreferredChannel = createAliasMatcher(
  PREFERRED_CHANNELS,
  {
    'e-mail': 'email',
    mail: 'email',
    telephone: 'phone',
    call: 'phone',
    text: 'sms',
    'in person': 'inPerson',
    letter: 'post',
  },
  'a channel',
);

const parseActivityType = createAliasMatcher(
  ACTIVITY_TYPES,
  {
    'phone call': 'call',
    'e-mail': 'email',
    'logged call': 'call',
    'logged email': 'email',
    'text message': 'sms',
    'store visit': 'storeVisit',
    visit: 'storeVisit',
    'social media': 'social',
    task: 'other',
  },
  'an activity type',
);

const parseActivityChannel = createAliasMatcher(
  CHANNELS,
  {
    'mobile app': 'mobileApp',
    app: 'mobileApp',
    website: 'web',
    'e-mail': 'email',
    shop: 'store',
    call: 'phone',
  },
  'a channel',
);

const parseDirection = createAliasMatcher(
  ['in', 'out'],
  { inbound: 'in', incoming: 'in', received: 'in', outbound: 'out', outgoing: 'out', sent: 'out' },
  'a direction',
);

const SIZE_BANDS: { max: number; size: (typeof COMPANY_SIZES)[number] }[] = [
  { max: 10, size: '1-10' },
  { max: 50, size: '11-50' },
  { max: 200, size: '51-200' },
  { max: 500, size: '201-500' },
  { max: 1000, size: '501-1000' },
  { max: 5000, size: '1001-5000' },
  { max: 10000, size: '5001-10000' },
  { max: Number.POSITIVE_INFINITY, size: '10001+' },
];
const SIZES = new Set<string>(COMPANY_SIZES);

/** "51-200", "51 – 200", "10,001+" or an employee count such as 75 → the size band. */
export function parseCompanySize(text: string): TParseResult<string> {
  const compact = text.replace(/[\s,.]/g, '').replace(/[–—]/g, '-');
  if (SIZES.has(compact)) return parsed(compact);
  if (/^\d+$/.test(compact)) {
    const count = Number(compact);
    const band = SIZE_BANDS.find((b) => count <= b.max);
    if (count >= 1 && band) return parsed(band.size);
  }
  return failed(
    `${quote(text)} is not a company size (${COMPANY_SIZES.join(', ')} or a number of employees)`,
  );
}

/** Annual revenue: at most two decimals and no sign, as ZMoneyAmount takes it. */
function createRevenueParser(options: TImportMappingOptions): TTextParser {
  const parseMoney = createMoneyParser(options.decimalSeparator);
  return (text) => {
    const money = parseMoney(text);
    if (!money.ok) return money;
    const [whole = '', fraction = ''] = money.value.amount.replace(/^\+/, '').split('.');
    const decimals = fraction.replace(/0+$/, '');
    if (!/^\d{1,18}$/.test(whole) || decimals.length > 2) {
      return failed(`${quote(text)} is not a non-negative amount with at most 2 decimals`);
    }
    const amount = decimals
      ? `${whole.replace(/^0+(?=\d)/, '')}.${decimals.padEnd(2, '0')}`
      : whole.replace(/^0+(?=\d)/, '');
    return parsed({ amount, currency: money.value.currency });
  };
}

export function createMemberParser(context: TConverterContext): (text: string) => TParseResult<string> {
  return (text) => {
    const id = context.memberIdsByEmail.get(text.toLowerCase());
    return id ? parsed(id) : failed(`${quote(text)} is not the email of a member of this workspace`);
  };
}

/** Text → the value a built-in target stores. */
export function createTargetParser(
  objectType: TImportObjectType,
  target: TImportTarget,
  options: TImportMappingOptions,
  context: TConverterContext,
): TTextParser {
  const max = TEXT_LIMITS_BY_TYPE[objectType]?.[target.key] ?? TEXT_LIMITS[target.key];
  switch (target.kind) {
    case 'text':
    case 'longText':
      return createTextParser(max ?? 1000);
    case 'email':
      return parseEmail;
    case 'phone':
      return createPhoneParser(options.defaultCountry ?? context.defaultCountry);
    case 'date':
      return createDateParser(options.dateFormat);
    case 'datetime':
      return createDateTimeParser(options.dateFormat);
    case 'number': {
      return (text) => {
        const canonical = toNumberText(text, options.decimalSeparator);
        return canonical === null ? failed(`${quote(text)} is not a number`) : parsed(Number(canonical));
      };
    }
    case 'money':
      return createRevenueParser(options);
    case 'duration':
      return parseDuration;
    case 'list': {
      const split = createListParser(options.listSeparator);
      return (text) => {
        const items = split(text);
        const long = items.find((item) => item.length > 100);
        return long ? failed(`${quote(long)} is longer than 100 characters`) : parsed(items);
      };
    }
    case 'domain': {
      const split = createListParser(options.listSeparator);
      return (text) => {
        const domains: string[] = [];
        for (const item of split(text)) {
          const domain = parseDomain(item);
          if (!domain.ok) return domain;
          if (!domains.includes(domain.value)) domains.push(domain.value);
        }
        return parsed(domains);
      };
    }
    case 'country':
      return parseCountry;
    case 'currency':
      return parseCurrency;
    case 'member':
      return createMemberParser(context);
    case 'language':
      return parseLanguage;
    case 'timezone':
      return parseTimeZone;
    case 'channel':
      return parsePreferredChannel;
    case 'lifecycleStage':
      return createOptionMatcher(
        context.lifecycleStages.map((stage) => ({ value: stage.key, label: stage.label })),
        'a lifecycle stage',
      );
    case 'companySize':
      return parseCompanySize;
    case 'activityType':
      return parseActivityType;
    case 'activityChannel':
      return parseActivityChannel;
    case 'direction':
      return parseDirection;
    case 'boolean':
      return parseActiveFlag;
    case 'decimal':
      return createDecimalParser(options.decimalSeparator);
    case 'orderStatus':
      return parseOrderStatus;
    case 'orderChannel':
      return parseOrderChannel;
    case 'externalId': {
      const source = options.externalIdSource ?? 'file';
      return (text) =>
        text.length > 200 ? failed('is longer than 200 characters') : parsed({ source, id: text });
    }
  }
}
