import { RELATIVE_DATE_UNITS, type TErrorDetail, type TRelativeDateUnit } from '@kap/shared';
import { isUuid } from '../ids.ts';
import type { TFilterField } from './filter-field.types.ts';

/** Thrown inside the compiler and collected into one 400 with every path. */
export class FilterValueError extends Error {
  constructor(readonly detail: TErrorDetail) {
    super(detail.message);
  }
}

const fail = (path: string, message: string): never => {
  throw new FilterValueError({ path, message });
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value) && value >= '0001';
}

/** One scalar of the field's type, as the text PostgreSQL casts (never spliced into SQL). */
export function readScalar(field: TFilterField, raw: unknown, path: string): string {
  switch (field.kind) {
    case 'number':
      if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
      if (typeof raw === 'string' && /^-?\d{1,20}(\.\d{1,10})?$/.test(raw.trim())) return raw.trim();
      return fail(path, 'Must be a number');
    case 'date':
      if (typeof raw === 'string' && isCalendarDate(raw)) return raw;
      return fail(path, 'Must be a date, YYYY-MM-DD');
    case 'datetime': {
      if (typeof raw === 'string' && isCalendarDate(raw)) return `${raw}T00:00:00Z`;
      const time = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
      if (typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(raw) && !Number.isNaN(time))
        return new Date(time).toISOString();
      return fail(path, 'Must be an ISO 8601 date or date and time');
    }
    case 'boolean':
      if (typeof raw === 'boolean') return String(raw);
      return fail(path, 'Must be true or false');
    case 'uuid':
    case 'link':
      if (typeof raw === 'string' && isUuid(raw)) return raw.toLowerCase();
      return fail(path, 'Must be an id');
    default: {
      if (typeof raw !== 'string' || raw.length === 0 || raw.length > 500)
        return fail(path, 'Must be a text of 1 to 500 characters');
      if (raw.includes('\u0000')) return fail(path, 'Must not contain the NUL character');
      const value = field.normalize ? field.normalize(raw) : raw;
      if (field.options && !field.options.includes(value))
        return fail(path, 'Not one of the options of this field');
      return value;
    }
  }
}

export function readList(field: TFilterField, raw: unknown, path: string, max: number): string[] {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > max)
    return fail(path, `Must be a list of 1 to ${max} values`);
  return raw.map((item, i) => readScalar(field, item, `${path}.${i}`));
}

export function readRange(field: TFilterField, raw: unknown, path: string): [string, string] {
  if (!Array.isArray(raw) || raw.length !== 2) return fail(path, 'Must be [from, to]');
  return [readScalar(field, raw[0], `${path}.0`), readScalar(field, raw[1], `${path}.1`)];
}

/** `{amount: 30, unit: "days"}` → the interval text "30 days". */
export function readRelative(raw: unknown, path: string): string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return fail(path, 'Must be {"amount": 30, "unit": "days"}');
  const { amount, unit } = raw as Record<string, unknown>;
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1 || amount > 100_000)
    return fail(`${path}.amount`, 'Must be a whole number from 1 to 100000');
  if (typeof unit !== 'string' || !RELATIVE_DATE_UNITS.includes(unit as TRelativeDateUnit))
    return fail(`${path}.unit`, `Must be one of ${RELATIVE_DATE_UNITS.join(', ')}`);
  return `${amount} ${unit}`;
}

/** Case- and accent-insensitive form, the same as `foldSql` computes in PostgreSQL. */
export const foldText = (value: string): string =>
  value
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
