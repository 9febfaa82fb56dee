import type { TImportMappingOptions } from '@kap/shared';
import type { TConverterContext, TImportCustomField } from './converter-types.ts';
import { createDateParser, createDateTimeParser } from './date-parsers.ts';
import { failed, parsed, quote } from './parse-result.ts';
import { createMemberParser, createTextParser, type TTextParser } from './target-parsers.ts';
import {
  createListParser,
  createMoneyParser,
  createNumberParser,
  createOptionMatcher,
  createPhoneParser,
  parseBoolean,
  parseEmail,
  parseUrl,
} from './value-parsers.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "0012.500" → "12.5": the one spelling the custom-fields module stores. */
function toCanonicalAmount(amount: string): string | null {
  const match = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(amount);
  if (!match) return null;
  const digits = (match[2] ?? '').replace(/^0+(?=\d)/, '');
  const decimals = (match[3] ?? '').replace(/0+$/, '');
  if (digits.length > 15 || decimals.length > 4) return null;
  const text = decimals ? `${digits}.${decimals}` : digits;
  return text === '0' || match[1] !== '-' ? text : `-${text}`;
}

/**
 * Text → a custom field's value in the form the custom-fields module stores (and its
 * `parseFieldValue` accepts unchanged). Users are named by their email; relations by record id
 * (their existence is the engine's to check, in bulk).
 */
export function createCustomFieldParser(
  field: TImportCustomField,
  options: TImportMappingOptions,
  context: TConverterContext,
): TTextParser {
  switch (field.type) {
    case 'text':
      return createTextParser(1000);
    case 'longText':
      return createTextParser(100_000);
    case 'number':
      return createNumberParser(options.decimalSeparator);
    case 'currency': {
      const parseMoney = createMoneyParser(options.decimalSeparator);
      return (text) => {
        const money = parseMoney(text);
        if (!money.ok) return money;
        const amount = toCanonicalAmount(money.value.amount);
        if (amount === null) return failed(`${quote(text)} is not an amount with at most 4 decimals`);
        if (!money.value.currency) return failed(`${quote(text)} has no currency (write it as 12.50 EUR)`);
        return parsed({ amount, currency: money.value.currency });
      };
    }
    case 'date':
      return createDateParser(options.dateFormat);
    case 'datetime':
      return createDateTimeParser(options.dateFormat);
    case 'boolean':
      return parseBoolean;
    case 'select': {
      if (!field.options)
        return (text) => (text.length > 100 ? failed('is longer than 100 characters') : parsed(text));
      return createOptionMatcher(field.options, 'one of the options');
    }
    case 'multiSelect': {
      const split = createListParser(options.listSeparator);
      const match = field.options ? createOptionMatcher(field.options, 'one of the options') : null;
      return (text) => {
        const values: string[] = [];
        for (const item of split(text)) {
          const option = match ? match(item) : parsed(item);
          if (!option.ok) return option;
          if (!values.includes(option.value)) values.push(option.value);
        }
        return parsed(values);
      };
    }
    case 'url':
      return parseUrl;
    case 'email':
      return parseEmail;
    case 'phone':
      return createPhoneParser(options.defaultCountry ?? context.defaultCountry);
    case 'user': {
      const byEmail = createMemberParser(context);
      return (text) => (UUID.test(text) ? parsed(text.toLowerCase()) : byEmail(text));
    }
    case 'relation':
      return (text) =>
        UUID.test(text) ? parsed(text.toLowerCase()) : failed(`${quote(text)} is not a record id`);
  }
}
