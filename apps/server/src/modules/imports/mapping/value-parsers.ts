import { normalizePhoneNumber, toCountryCode, toDomain, toTimeZone } from '@kap/shared';
import { z } from 'zod';
import { failed, parsed, quote, type TParseResult } from './parse-result.ts';

// The same pattern ZPersonEmail (z.email()) checks, compiled once.
const EMAIL = z.regexes.email;

/** An email address in lower case, as people records store it. */
export function parseEmail(text: string): TParseResult<string> {
  const email = text.toLowerCase();
  if (email.length <= 254 && EMAIL.test(email)) return parsed(email);
  return failed(`${quote(text)} is not a valid email address`);
}

/** Phone numbers to E.164; numbers without "+" are read as numbers of `defaultCountry`. */
export function createPhoneParser(defaultCountry: string | null): (text: string) => TParseResult<string> {
  const hint = defaultCountry
    ? ` (numbers without "+" are read as ${defaultCountry} numbers)`
    : ' (start it with "+" and the country code, or set a default country)';
  return (text) => {
    const number = normalizePhoneNumber(text, defaultCountry);
    return number ? parsed(number) : failed(`${quote(text)} is not a valid phone number${hint}`);
  };
}

export type TDecimalSeparator = 'auto' | '.' | ',';

const NUMBER_SPACES = /[\s\u00a0\u202f']/g;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED_DOT_DECIMAL = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;
const GROUPED_COMMA_DECIMAL = /^[+-]?\d{1,3}(\.\d{3})+(,\d*)?$/;
const COMMA_DECIMAL = /^[+-]?\d*,\d+$/;
const COMMA_THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+$/;
const DOTS = /\./g;
const COMMAS = /,/g;

/**
 * Number text in the canonical form "-1234.56", or null. Spaces and apostrophes group
 * thousands; with both "." and "," the last one is the decimal mark; with one of them, `separator`
 * decides, and in auto a lone "," is a decimal mark unless it groups exactly three digits (1,234).
 */
export function toNumberText(text: string, separator: TDecimalSeparator): string | null {
  const compact = text.replace(NUMBER_SPACES, '');
  if (compact === '') return null;
  const hasDot = compact.includes('.');
  const hasComma = compact.includes(',');
  if (!hasComma) {
    if (PLAIN_NUMBER.test(compact) && separator !== ',') return compact;
    if (separator === ',' && GROUPED_COMMA_DECIMAL.test(compact)) return compact.replace(DOTS, '');
    if (separator === ',' && /^[+-]?\d+$/.test(compact)) return compact;
    return null;
  }
  if (hasDot) {
    if (compact.lastIndexOf('.') > compact.lastIndexOf(',')) {
      return separator !== ',' && GROUPED_DOT_DECIMAL.test(compact) ? compact.replace(COMMAS, '') : null;
    }
    return separator !== '.' && GROUPED_COMMA_DECIMAL.test(compact)
      ? compact.replace(DOTS, '').replace(',', '.')
      : null;
  }
  if (separator === '.' || (separator === 'auto' && COMMA_THOUSANDS.test(compact))) {
    return COMMA_THOUSANDS.test(compact) ? compact.replace(COMMAS, '') : null;
  }
  return COMMA_DECIMAL.test(compact) ? compact.replace(',', '.') : null;
}

export function createNumberParser(separator: TDecimalSeparator): (text: string) => TParseResult<number> {
  return (text) => {
    const canonical = toNumberText(text, separator);
    const number = canonical === null ? Number.NaN : Number(canonical);
    return Number.isFinite(number) ? parsed(number) : failed(`${quote(text)} is not a number`);
  };
}

const BOOLEANS = new Map<string, boolean>();
for (const word of ['yes', 'y', 'true', 't', '1', 'on', 'да', 'д', 'այո', 'კი', 'დიახ', 'taip', 't']) {
  BOOLEANS.set(word, true);
}
for (const word of ['no', 'n', 'false', 'f', '0', 'off', 'нет', 'н', 'ոչ', 'არა', 'ne', 'ne']) {
  BOOLEANS.set(word, false);
}

/** Yes/no in English, Russian, Armenian, Georgian and Lithuanian, true/false and 1/0. */
export function parseBoolean(text: string): TParseResult<boolean> {
  const value = BOOLEANS.get(text.toLowerCase());
  return value === undefined ? failed(`${quote(text)} is not yes or no (true/false, 1/0)`) : parsed(value);
}

const DEFAULT_LIST_SEPARATOR = /\s*[,;]\s*/;

/** Splits lists such as tags: trimmed, no empties, each once, order kept. */
export function createListParser(separator: string | undefined): (text: string) => string[] {
  const splitter = separator ?? DEFAULT_LIST_SEPARATOR;
  return (text) => {
    const items: string[] = [];
    for (const part of text.split(splitter)) {
      const item = part.trim();
      if (item !== '' && !items.includes(item)) items.push(item);
    }
    return items;
  };
}

export type TOption = { value: string; label: string };

/** Matches text to a select field's option by value or label, in any case. */
export function createOptionMatcher(
  options: readonly TOption[],
  what: string,
): (text: string) => TParseResult<string> {
  const byText = new Map<string, string>();
  for (const option of options) byText.set(option.label.toLowerCase(), option.value);
  // Values win over labels when a label spells another option's value.
  for (const option of options) byText.set(option.value.toLowerCase(), option.value);
  const listed = options
    .slice(0, 10)
    .map((o) => quote(o.label))
    .join(', ');
  const more = options.length > 10 ? ', ...' : '';
  return (text) => {
    const value = byText.get(text.toLowerCase());
    return value === undefined ? failed(`${quote(text)} is not ${what} (${listed}${more})`) : parsed(value);
  };
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** An http(s) URL; "example.com/page" gets https://. */
export function parseUrl(text: string): TParseResult<string> {
  if (text.length > 2000) return failed('is longer than 2000 characters');
  try {
    const url = new URL(SCHEME.test(text) ? text : `https://${text}`);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.')) {
      return parsed(url.toString());
    }
  } catch {
    // reported below
  }
  return failed(`${quote(text)} is not a web address`);
}

export function parseDomain(text: string): TParseResult<string> {
  const domain = toDomain(text);
  return domain ? parsed(domain) : failed(`${quote(text)} is not a domain name (e.g. example.com)`);
}

export function parseTimeZone(text: string): TParseResult<string> {
  const zone = toTimeZone(text);
  return zone ? parsed(zone) : failed(`${quote(text)} is not a time zone (e.g. Asia/Yerevan)`);
}

const HMS = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/;
const UNIT_DURATION = /^(\d+(?:[.,]\d+)?)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?)$/i;

/** Durations in seconds: "90" (seconds), "1:30" (m:ss), "01:02:03", "5 min", "1.5 h". */
export function parseDuration(text: string): TParseResult<number> {
  let seconds = Number.NaN;
  const hms = HMS.exec(text);
  if (hms) {
    seconds = Number(hms[1] ?? 0) * 3600 + Number(hms[2]) * 60 + Number(hms[3]);
  } else if (/^\d+$/.test(text)) {
    seconds = Number(text);
  } else {
    const unit = UNIT_DURATION.exec(text);
    if (unit) {
      const amount = Number((unit[1] ?? '').replace(',', '.'));
      const letter = (unit[2] ?? 's').toLowerCase()[0];
      seconds = Math.round(amount * (letter === 'h' ? 3600 : letter === 'm' ? 60 : 1));
    }
  }
  return Number.isSafeInteger(seconds) && seconds <= 31 * 24 * 3600
    ? parsed(seconds)
    : failed(`${quote(text)} is not a duration (seconds, m:ss, h:mm:ss or "5 min")`);
}

/** Names of countries in English and the UI languages (and Russian, common in the region's files). */
const NAME_LOCALES = ['en', 'hy', 'ka', 'lt', 'ru'];
let countriesByName: Map<string, string> | null = null;

export function normalizeName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function loadCountryNames(): Map<string, string> {
  const names = new Map<string, string>();
  const displays = NAME_LOCALES.map(
    (locale) => new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' }),
  );
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = toCountryCode(String.fromCharCode(a, b));
      if (!code) continue;
      for (const display of displays) {
        const name = display.of(code);
        if (name) names.set(normalizeName(name), code);
      }
    }
  }
  for (const [alias, code] of [
    ['usa', 'US'],
    ['united states of america', 'US'],
    ['uk', 'GB'],
    ['england', 'GB'],
    ['great britain', 'GB'],
    ['russia', 'RU'],
  ] as const) {
    names.set(alias, code);
  }
  return names;
}

/** Answers by the cell's text: a file names few countries, over and over. */
const countryAnswers = new Map<string, TParseResult<string>>();

/** An ISO country code from a code ("am", "LT") or a country's name in en/hy/ka/lt/ru. */
export function parseCountry(text: string): TParseResult<string> {
  const known = countryAnswers.get(text);
  if (known) return known;
  const code = text.length === 2 ? toCountryCode(text) : null;
  countriesByName ??= loadCountryNames();
  const found = code ?? countriesByName.get(normalizeName(text));
  const answer = found
    ? parsed(found)
    : failed(`${quote(text)} is not a country (a name or a code such as AM)`);
  if (countryAnswers.size < 10_000) countryAnswers.set(text, answer);
  return answer;
}

const currencyCodes = new Set(Intl.supportedValuesOf('currency'));
const CURRENCY_SYMBOLS = new Map([
  ['€', 'EUR'],
  ['$', 'USD'],
  ['us$', 'USD'],
  ['£', 'GBP'],
  ['₽', 'RUB'],
  ['руб', 'RUB'],
  ['֏', 'AMD'],
  ['դր', 'AMD'],
  ['₾', 'GEL'],
  ['¥', 'JPY'],
  ['₴', 'UAH'],
  ['zł', 'PLN'],
]);

export function toCurrencyCode(text: string): string | null {
  const code = text.trim().toUpperCase();
  if (currencyCodes.has(code)) return code;
  return CURRENCY_SYMBOLS.get(text.trim().toLowerCase().replace(/\.$/, '')) ?? null;
}

export function parseCurrency(text: string): TParseResult<string> {
  const code = toCurrencyCode(text);
  return code ? parsed(code) : failed(`${quote(text)} is not a currency (an ISO code such as EUR)`);
}

const MONEY_PARTS = /^([^\d\s+-]*)\s*([+-]?[\d\s\u00a0\u202f'.,]*\d[\d.,]*)\s*([^\d\s]*)$/u;

/** "1 250,50 EUR", "€1,250.50", "1250.5": the amount as canonical number text, and the currency if written. */
export function createMoneyParser(
  separator: TDecimalSeparator,
): (text: string) => TParseResult<{ amount: string; currency: string | null }> {
  return (text) => {
    const match = MONEY_PARTS.exec(text);
    const amount = match ? toNumberText(match[2] ?? '', separator) : null;
    const symbol = (match?.[1] || match?.[3] || '').trim();
    const currency = symbol ? toCurrencyCode(symbol) : null;
    if (amount === null || !Number.isFinite(Number(amount)) || (symbol && !currency)) {
      return failed(`${quote(text)} is not an amount of money (e.g. 1250.50 or 1 250,50 EUR)`);
    }
    return parsed({ amount, currency });
  };
}

let languagesByName: Map<string, string> | null = null;
const COMMON_LANGUAGES = [
  'en',
  'hy',
  'ka',
  'lt',
  'ru',
  'uk',
  'be',
  'lv',
  'et',
  'pl',
  'de',
  'fr',
  'es',
  'it',
  'pt',
  'nl',
  'sv',
  'da',
  'no',
  'fi',
  'cs',
  'sk',
  'hu',
  'ro',
  'bg',
  'el',
  'tr',
  'az',
  'kk',
  'ar',
  'fa',
  'he',
  'zh',
  'ja',
  'ko',
  'hi',
];

function loadLanguageNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const locale of NAME_LOCALES) {
    const display = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
    for (const code of COMMON_LANGUAGES) {
      const name = display.of(code);
      if (name) names.set(normalizeName(name), code);
    }
  }
  return names;
}

const LANGUAGE_TAG = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/;

/** A BCP 47 tag ("hy", "lt-LT") from a tag or a common language's name ("Armenian", "Lietuvių"). */
export function parseLanguage(text: string): TParseResult<string> {
  if (LANGUAGE_TAG.test(text)) {
    try {
      const [canonical] = Intl.getCanonicalLocales(text.replace('_', '-'));
      if (canonical) return parsed(canonical);
    } catch {
      // a name, perhaps
    }
  }
  languagesByName ??= loadLanguageNames();
  const byName = languagesByName.get(normalizeName(text));
  return byName ? parsed(byName) : failed(`${quote(text)} is not a language (a code such as "hy" or a name)`);
}
