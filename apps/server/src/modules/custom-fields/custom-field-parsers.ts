import { normalizePhoneNumber, toCountryCode } from '@kap/shared';
import { z } from 'zod';
import { isUuid } from '../../lib/ids.ts';
import type { TCustomFieldRow } from './custom-fields.repository.ts';

/** A value as stored, or why it cannot be. `null` means "clear the field". */
export type TParsed = { value: unknown } | { error: string };

const currencies = new Set(Intl.supportedValuesOf('currency'));
const isEmail = (value: string) => z.email().safeParse(value).success;

/** A real calendar date as YYYY-MM-DD (no 30 February). */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

/** "0012.500" → "12.5": one spelling per amount, so equality filters find it. */
function toCanonicalAmount(value: string | number): string | null {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !/^-?\d{1,15}(\.\d{1,4})?$/.test(text.trim())) return null;
  const [whole = '0', fraction = ''] = text.trim().split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = whole.replace('-', '').replace(/^0+(?=\d)/, '');
  const decimals = fraction.replace(/0+$/, '');
  const amount = `${digits}${decimals ? `.${decimals}` : ''}`;
  return amount === '0' ? '0' : `${sign}${amount}`;
}

function parseCurrency(raw: unknown): TParsed {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { error: 'Must be {"amount": "12.50", "currency": "EUR"}' };
  }
  const { amount, currency } = raw as Record<string, unknown>;
  const canonical =
    typeof amount === 'string' || typeof amount === 'number' ? toCanonicalAmount(amount) : null;
  if (canonical === null) return { error: 'amount must be a decimal with at most 4 decimals, e.g. "12.50"' };
  const code = typeof currency === 'string' ? currency.trim().toUpperCase() : '';
  if (!currencies.has(code)) return { error: 'currency must be an ISO 4217 code, e.g. "EUR"' };
  return { value: { amount: canonical, currency: code } };
}

function parseSelect(field: TCustomFieldRow, raw: unknown): TParsed {
  const allowed = new Set((field.options ?? []).map((o) => o.value));
  if (field.type === 'select') {
    if (typeof raw !== 'string') return { error: 'Must be one of the options' };
    return allowed.has(raw) ? { value: raw } : { error: `"${raw}" is not one of the options` };
  }
  if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'string'))
    return { error: 'Must be a list of options' };
  const values = [...new Set(raw as string[])];
  const unknown = values.find((v) => !allowed.has(v));
  if (unknown !== undefined) return { error: `"${unknown}" is not one of the options` };
  return { value: values.length === 0 ? null : values };
}

function parseText(raw: unknown, max: number): TParsed {
  if (typeof raw !== 'string') return { error: 'Must be text' };
  const text = raw.trim();
  if (text.length > max) return { error: `At most ${max} characters` };
  return { value: text === '' ? null : text };
}

function parseUrl(raw: unknown): TParsed {
  if (typeof raw !== 'string' || raw.length > 2000) return { error: 'Must be a URL' };
  try {
    const url = new URL(raw.trim());
    if (url.protocol === 'http:' || url.protocol === 'https:') return { value: url.toString() };
  } catch {
    // reported below
  }
  return { error: 'Must be an http(s) URL' };
}

/**
 * Checks one value against its field's type and returns it as stored. Users and relations are
 * only checked for shape here; whether they exist is asked of the database afterwards, in bulk.
 */
export function parseFieldValue(
  field: TCustomFieldRow,
  raw: unknown,
  defaultCountry: string | null,
): TParsed {
  if (raw === null) return { value: null };
  switch (field.type) {
    case 'text':
      return parseText(raw, 1000);
    case 'longText':
      return parseText(raw, 100_000);
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) ? { value: raw } : { error: 'Must be a number' };
    case 'currency':
      return parseCurrency(raw);
    case 'date':
      return typeof raw === 'string' && isCalendarDate(raw)
        ? { value: raw }
        : { error: 'Must be a date, YYYY-MM-DD' };
    case 'datetime': {
      const isIso = typeof raw === 'string' && z.iso.datetime({ offset: true }).safeParse(raw).success;
      return isIso ? { value: new Date(raw).toISOString() } : { error: 'Must be an ISO 8601 date and time' };
    }
    case 'boolean':
      return typeof raw === 'boolean' ? { value: raw } : { error: 'Must be true or false' };
    case 'select':
    case 'multiSelect':
      return parseSelect(field, raw);
    case 'url':
      return parseUrl(raw);
    case 'email':
      return typeof raw === 'string' && raw.length <= 254 && isEmail(raw.trim())
        ? { value: raw.trim().toLowerCase() }
        : { error: 'Must be an email address' };
    case 'phone': {
      const number = typeof raw === 'string' ? normalizePhoneNumber(raw, defaultCountry) : null;
      return number ? { value: number } : { error: phoneError(defaultCountry) };
    }
    case 'user':
    case 'relation':
      return typeof raw === 'string' && isUuid(raw)
        ? { value: raw.toLowerCase() }
        : { error: 'Must be a record id' };
  }
}

export function phoneError(defaultCountry: string | null): string {
  return defaultCountry
    ? `Not a valid phone number (numbers without "+" are read as ${toCountryCode(defaultCountry) ?? defaultCountry})`
    : 'Not a valid phone number; start it with "+" and the country code, or set the workspace default country';
}

/** `cf.<key>=<text>` → the stored value to compare with: the query string's text read as the field's type. */
export function parseFilterValue(
  field: TCustomFieldRow,
  text: string,
  defaultCountry: string | null,
): TParsed {
  switch (field.type) {
    case 'number': {
      const number = text.trim() === '' ? Number.NaN : Number(text);
      return Number.isFinite(number) ? { value: number } : { error: 'Must be a number' };
    }
    case 'boolean':
      return text === 'true' || text === 'false'
        ? { value: text === 'true' }
        : { error: 'Must be true or false' };
    case 'multiSelect': {
      const parsed = parseSelect(field, [text]);
      return 'value' in parsed ? { value: [text] } : parsed;
    }
    case 'currency': {
      const amount = toCanonicalAmount(text);
      return amount === null ? { error: 'Must be an amount' } : { value: { amount } };
    }
    default: {
      const parsed = parseFieldValue(field, text, defaultCountry);
      return 'value' in parsed && parsed.value === null ? { error: 'Must not be empty' } : parsed;
    }
  }
}
