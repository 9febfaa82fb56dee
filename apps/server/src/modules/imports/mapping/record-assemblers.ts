import {
  DIRECTIONAL_ACTIVITY_TYPES,
  type TActivityType,
  type TCreateCompanyRequest,
  type TCreatePersonRequest,
  type TExternalId,
  type TPostalAddress,
} from '@kap/shared';
import type {
  TActivityImportRecord,
  TCompanyImportRecord,
  TPersonImportRecord,
  TRowConversion,
} from './converter-types.ts';

/** A row's parsed values by target key (repeatable ones as lists) and custom field values by key. */
export type TDraft = { fields: Record<string, unknown>; custom: Record<string, unknown> | null };

type TColumnOf = (key: string) => string | null;

const text = (draft: TDraft, key: string) => draft.fields[key] as string | undefined;
const reject = (reason: string, column: string | null) => ({ ok: false as const, reason, column });

const EMAIL_SLOTS = ['email', 'email2', 'email3'];
const PHONE_SLOTS: [key: string, label: string][] = [
  ['phone', 'other'],
  ['mobilePhone', 'mobile'],
  ['workPhone', 'work'],
  ['homePhone', 'home'],
];

function assembleAddress(draft: TDraft): TPostalAddress | null {
  const line1 = text(draft, 'addressStreet') ?? null;
  const line2 = text(draft, 'addressLine2') ?? null;
  const city = text(draft, 'addressCity') ?? null;
  const region = text(draft, 'addressRegion') ?? null;
  const postalCode = text(draft, 'addressPostalCode') ?? null;
  const country = text(draft, 'addressCountry') ?? null;
  if (!line1 && !line2 && !city && !region && !postalCode && !country) return null;
  return { label: 'other', line1, line2, city, region, postalCode, country };
}

/** Keys whose value the row has; empty cells leave a field out rather than clearing it. */
function copyPresent<T extends object>(target: T, draft: TDraft, keys: readonly (keyof T & string)[]): void {
  for (const key of keys) {
    const value = draft.fields[key];
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
}

/** Lists (filled from one or several columns) longer than the record takes. */
function findTooLongList(
  draft: TDraft,
  columnOf: TColumnOf,
  limits: Record<string, number>,
): { ok: false; reason: string; column: string | null } | null {
  for (const [key, max] of Object.entries(limits)) {
    const list = draft.fields[key] as unknown[] | undefined;
    if (list && list.length > max) {
      const column = columnOf(key);
      return reject(`${column} has ${list.length} ${key}; at most ${max}`, column);
    }
  }
  return null;
}

let todayCache = { day: '', until: 0 };

/** Today (UTC) as YYYY-MM-DD, worked out at most once a minute rather than per row. */
function today(): string {
  const now = Date.now();
  if (now >= todayCache.until)
    todayCache = { day: new Date(now).toISOString().slice(0, 10), until: now + 60_000 };
  return todayCache.day;
}

const PERSON_TEXT_KEYS = [
  'firstName',
  'lastName',
  'displayName',
  'jobTitle',
  'birthDate',
  'gender',
  'preferredLanguage',
  'preferredChannel',
  'timezone',
  'lifecycleStage',
  'leadSource',
  'tags',
  'interests',
] as const;

export function assemblePerson(draft: TDraft, columnOf: TColumnOf): TRowConversion<TPersonImportRecord> {
  const input: TCreatePersonRequest = {};
  copyPresent(input, draft, PERSON_TEXT_KEYS);
  const tooLong = findTooLongList(draft, columnOf, { tags: 100, interests: 100 });
  if (tooLong) return tooLong;
  if (input.birthDate) {
    if (input.birthDate < '1800-01-01' || input.birthDate > today()) {
      const column = columnOf('birthDate');
      return reject(`${column} ${input.birthDate} is not a birth date between 1800-01-01 and today`, column);
    }
  }
  const emails: NonNullable<TCreatePersonRequest['emails']> = [];
  for (const slot of EMAIL_SLOTS) {
    const email = text(draft, slot);
    if (email && !emails.some((e) => e.email === email)) {
      emails.push({ email, label: 'other', isPrimary: emails.length === 0 });
    }
  }
  if (emails.length > 0) input.emails = emails;
  const phones: NonNullable<TCreatePersonRequest['phones']> = [];
  for (const [slot, label] of PHONE_SLOTS) {
    const number = text(draft, slot);
    if (number && !phones.some((p) => p.number === number)) {
      phones.push({ number, label, isPrimary: phones.length === 0 });
    }
  }
  if (phones.length > 0) input.phones = phones;
  const address = assembleAddress(draft);
  if (address) input.addresses = [address];
  const externalId = (draft.fields.externalId as TExternalId | undefined) ?? null;
  if (externalId) input.externalIds = [externalId];
  const ownerId = text(draft, 'owner');
  if (ownerId) input.ownerId = ownerId;
  if (draft.custom) input.customFields = draft.custom;
  if (
    !input.firstName &&
    !input.lastName &&
    !input.displayName &&
    !emails.length &&
    !phones.length &&
    !externalId
  ) {
    return reject('The row has no name, email, phone or external id', null);
  }
  return {
    ok: true,
    record: {
      input,
      companyName: text(draft, 'company') ?? null,
      match: { email: emails[0]?.email ?? null, phone: phones[0]?.number ?? null, externalId },
    },
  };
}

export function assembleCompany(draft: TDraft, columnOf: TColumnOf): TRowConversion<TCompanyImportRecord> {
  const name = text(draft, 'name');
  if (!name) {
    const column = columnOf('name');
    return reject(`${column} is empty; a company needs a name`, column);
  }
  const input: TCreateCompanyRequest = { name };
  copyPresent(input, draft, ['domains', 'industry', 'size', 'tags']);
  const tooLong = findTooLongList(draft, columnOf, { domains: 20, tags: 100 });
  if (tooLong) return tooLong;
  const revenue = draft.fields.annualRevenue as { amount: string; currency: string | null } | undefined;
  const currency = text(draft, 'currency');
  if (revenue) {
    if (revenue.currency && currency && revenue.currency !== currency) {
      const column = columnOf('annualRevenue');
      return reject(`${column} is in ${revenue.currency} but the currency column says ${currency}`, column);
    }
    const code = revenue.currency ?? currency;
    if (!code) {
      const column = columnOf('annualRevenue');
      return reject(`${column} has no currency (map a currency column or write it as 1250000 EUR)`, column);
    }
    input.annualRevenue = revenue.amount;
    input.currency = code;
  } else if (currency) {
    input.currency = currency;
  }
  const address = assembleAddress(draft);
  if (address) input.addresses = [address];
  const ownerId = text(draft, 'owner');
  if (ownerId) input.ownerId = ownerId;
  if (draft.custom) input.customFields = draft.custom;
  const externalId = (draft.fields.externalId as TExternalId | undefined) ?? null;
  return { ok: true, record: { input, match: { name, domain: input.domains?.[0] ?? null, externalId } } };
}

const HTML_TAG =
  /<\/?(p|br|div|span|b|i|u|s|strong|em|a|ul|ol|li|h[1-6]|table|thead|tbody|tr|td|th|blockquote|pre|code|img|hr)\b[^>]*>/i;
const HTML_SPECIAL = /[&<>"]/g;
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const LINE_BREAK = /\r?\n/g;

/** Activity bodies are HTML: plain text is escaped and keeps its line breaks; HTML stays as it is. */
export function toBodyHtml(body: string): string {
  if (HTML_TAG.test(body)) return body;
  return body.replace(HTML_SPECIAL, (char) => HTML_ENTITIES[char] ?? char).replace(LINE_BREAK, '<br>');
}

export function assembleActivity(draft: TDraft, columnOf: TColumnOf): TRowConversion<TActivityImportRecord> {
  const typeColumn = columnOf('type');
  const type = (text(draft, 'type') ?? (typeColumn ? undefined : 'note')) as TActivityType | undefined;
  if (!type) return reject(`${typeColumn} is empty; an activity needs a type`, typeColumn);
  const input: TActivityImportRecord['input'] = { type };
  copyPresent(input, draft, ['channel', 'direction', 'occurredAt', 'subject', 'outcome']);
  const duration = draft.fields.duration as number | undefined;
  if (duration !== undefined) input.durationSeconds = duration;
  const body = text(draft, 'body');
  if (body) {
    const html = toBodyHtml(body);
    if (html.length > 200_000) {
      const column = columnOf('body');
      return reject(`${column} is longer than 200000 characters`, column);
    }
    input.body = html;
  }
  if (!input.direction && DIRECTIONAL_ACTIVITY_TYPES.includes(type)) {
    const column = columnOf('direction');
    return reject(
      column
        ? `${column} is empty; a ${type} needs a direction (in or out)`
        : `A ${type} needs a direction: map a direction column`,
      column,
    );
  }
  return {
    ok: true,
    record: {
      input,
      personMatch: {
        email: text(draft, 'personEmail') ?? null,
        externalId: (draft.fields.personExternalId as TExternalId | undefined) ?? null,
      },
      companyName: text(draft, 'companyName') ?? null,
      externalId: (draft.fields.externalId as TExternalId | undefined) ?? null,
    },
  };
}
