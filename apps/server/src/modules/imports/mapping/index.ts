export type {
  TActivityImportRecord,
  TCompanyImportRecord,
  TConverterContext,
  TImportCustomField,
  TImportRecord,
  TOrderImportRecord,
  TPersonImportRecord,
  TProductImportRecord,
  TRowConversion,
  TRowConverter,
  TRowRejection,
} from './converter-types.ts';
export {
  createDateParser,
  createDateTimeParser,
  excelSerialToTime,
  guessDateFormat,
  type TDateFormat,
} from './date-parsers.ts';
export type { TParseResult } from './parse-result.ts';
export { toBodyHtml } from './record-assemblers.ts';
export { compileRowConverter } from './row-converter.ts';
export { suggestMapping, type TSuggestableField } from './suggest-mapping.ts';
export { parseCompanySize } from './target-parsers.ts';
export {
  createListParser,
  createMoneyParser,
  createNumberParser,
  createOptionMatcher,
  createPhoneParser,
  normalizeName,
  parseBoolean,
  parseCountry,
  parseCurrency,
  parseDomain,
  parseDuration,
  parseEmail,
  parseLanguage,
  parseTimeZone,
  parseUrl,
  toNumberText,
} from './value-parsers.ts';
