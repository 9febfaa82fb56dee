import { failed, parsed, quote, type TParseResult } from './parse-result.ts';

export type TDateFormat = 'auto' | 'DMY' | 'MDY' | 'YMD';

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const YMD = /^(\d{4})[./-](\d{1,2})[./-](\d{1,2})\.?$/;
const XYY = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})\.?$/;
const DAY_MONTH_NAME = /^(\d{1,2})\.?[ -]([A-Za-z]{3,9})\.?,?[ -](\d{4})$/;
const MONTH_NAME_DAY = /^([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/;
const EXCEL_SERIAL = /^\d{1,7}(\.\d+)?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp][Mm])?$/;
const ZONE = /^(Z|[+-]\d{2}:?\d{2})$/;
const ZONE_AT_END = /(Z|[+-]\d{2}:?\d{2})$/;
const TIME_START = /[T ]\d{1,2}:/;
const DATE_TIME_SPLIT = /[T ]/;

const MONTHS = new Map<string, number>();
[
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
].forEach((name, index) => {
  MONTHS.set(name, index + 1);
  MONTHS.set(name.slice(0, 3), index + 1);
  if (name === 'september') MONTHS.set('sept', index + 1);
});

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** A real calendar day as YYYY-MM-DD, or null (no 30 February). */
export function toIsoDay(year: number, month: number, day: number): string | null {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate();
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 ? (isLeap ? 29 : 28) : daysInMonth)) return null;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** Two-digit years: up to this year's two digits are this century, the rest the last one. */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 4) return year;
  const century = Math.floor(new Date().getUTCFullYear() / 100) * 100;
  return year <= new Date().getUTCFullYear() - century ? century + year : century - 100 + year;
}

/** Excel day numbers (1900 system, with its phantom 29 February 1900) → milliseconds since 1970 UTC. */
export function excelSerialToTime(serial: number): number | null {
  if (!(serial >= 1 && serial < 2958466)) return null;
  const days = serial > 60 ? serial - 25569 : serial - 25568;
  return Math.round(days * 86400) * 1000;
}

/** Day, month, year of "03/04/2024": by the format, or in auto by which part cannot be a month (else DMY). */
function orderDayMonth(first: number, second: number, format: TDateFormat): [day: number, month: number] {
  if (format === 'MDY') return [second, first];
  if (format === 'auto' && first <= 12 && second > 12) return [second, first];
  return [first, second];
}

export type TDateParser = (text: string) => TParseResult<string>;

/**
 * A parser of calendar dates into YYYY-MM-DD: ISO, YYYY/MM/DD, DD.MM.YYYY, DD/MM/YYYY or
 * MM/DD/YYYY (by `format`; in auto MM/DD only when the day shows it), "5 March 2024",
 * "March 5, 2024", Excel day numbers, and ISO date-times (their UTC day).
 */
export function createDateParser(format: TDateFormat): TDateParser {
  return (text) => {
    const day = readDay(text, format);
    return day ? parsed(day) : failed(`${quote(text)} is not a date (e.g. 2024-03-31 or 31.03.2024)`);
  };
}

function readDay(text: string, format: TDateFormat): string | null {
  let match = ISO_DATE.exec(text);
  if (match) return toIsoDay(Number(match[1]), Number(match[2]), Number(match[3]));
  match = YMD.exec(text);
  if (match) return toIsoDay(Number(match[1]), Number(match[2]), Number(match[3]));
  match = XYY.exec(text);
  if (match) {
    const first = Number(match[1]);
    const second = Number(match[3]);
    const year = fullYear(match[4] ?? '');
    if (format === 'YMD') return null;
    const [d, m] = orderDayMonth(first, second, format);
    return toIsoDay(year, m, d);
  }
  match = DAY_MONTH_NAME.exec(text);
  if (match) {
    const month = MONTHS.get((match[2] ?? '').toLowerCase());
    return month ? toIsoDay(Number(match[3]), month, Number(match[1])) : null;
  }
  match = MONTH_NAME_DAY.exec(text);
  if (match) {
    const month = MONTHS.get((match[1] ?? '').toLowerCase());
    return month ? toIsoDay(Number(match[3]), month, Number(match[2])) : null;
  }
  if (EXCEL_SERIAL.test(text)) {
    const time = excelSerialToTime(Number(text));
    return time === null ? null : new Date(time).toISOString().slice(0, 10);
  }
  if (text.length > 10 && (text[10] === 'T' || text[10] === ' ')) {
    const time = readDateTime(text, format);
    return time === null ? null : new Date(time).toISOString().slice(0, 10);
  }
  return null;
}

/** Milliseconds of "HH:mm[:ss[.fff]] [AM|PM]", or null. */
function readTimeOfDay(text: string): number | null {
  const match = TIME.exec(text);
  if (!match) return null;
  let hours = Number(match[1]);
  const minutes = Number(match[2]);
  const seconds = match[3] ? Number(match[3]) : 0;
  const millis = match[4] ? Math.round(Number(`0.${match[4]}`) * 1000) : 0;
  const meridiem = match[5]?.toLowerCase();
  if (meridiem) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
}

function readZoneOffset(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

/** A date with an optional time and zone → ms since 1970; times without a zone are UTC. */
function readDateTime(text: string, format: TDateFormat): number | null {
  if (EXCEL_SERIAL.test(text)) return excelSerialToTime(Number(text));
  const split = text.search(TIME_START);
  const datePart = split < 0 ? text : text.slice(0, split);
  let timePart = split < 0 ? '' : text.slice(split + 1).trim();
  const day = readDay(datePart, format);
  if (!day) return null;
  let offset = 0;
  const zoneAt = timePart.search(ZONE_AT_END);
  if (zoneAt > 0) {
    const zone = timePart.slice(zoneAt);
    if (!ZONE.test(zone)) return null;
    offset = readZoneOffset(zone);
    timePart = timePart.slice(0, zoneAt).trim();
  }
  const millisOfDay = timePart === '' ? 0 : readTimeOfDay(timePart);
  if (millisOfDay === null) return null;
  return Date.parse(`${day}T00:00:00Z`) + millisOfDay - offset;
}

export type TDateTimeParser = (text: string) => TParseResult<string>;

/** A parser of moments into UTC ISO 8601 (2024-03-31T09:30:00.000Z); a date alone is its midnight UTC. */
export function createDateTimeParser(format: TDateFormat): TDateTimeParser {
  return (text) => {
    const time = readDateTime(text, format);
    return time === null || Number.isNaN(time)
      ? failed(`${quote(text)} is not a date and time (e.g. 2024-03-31 09:30 or 2024-03-31T09:30:00Z)`)
      : parsed(new Date(time).toISOString());
  };
}

/**
 * The day order of a column's sample dates such as 03/04/2024: MDY when a second part above 12
 * shows it, DMY when a first part does, null when the samples do not tell.
 */
export function guessDateFormat(samples: readonly string[]): 'DMY' | 'MDY' | null {
  let isDmy = false;
  let isMdy = false;
  for (const sample of samples) {
    const match = XYY.exec(sample.trim().split(DATE_TIME_SPLIT)[0] ?? '');
    if (!match) continue;
    if (Number(match[1]) > 12) isDmy = true;
    if (Number(match[3]) > 12) isMdy = true;
  }
  if (isDmy === isMdy) return null;
  return isDmy ? 'DMY' : 'MDY';
}
