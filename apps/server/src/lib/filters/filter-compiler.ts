import { FILTER_LIMITS, FILTER_OPS, type TErrorDetail, type TFilterOp } from '@kap/shared';
import { type RawBuilder, sql } from 'kysely';
import { AppError } from '../errors.ts';
import type { TFieldKind, TFieldLookup, TFilterField } from './filter-field.types.ts';
import {
  FilterValueError,
  foldText,
  readList,
  readRange,
  readRelative,
  readScalar,
} from './filter-values.ts';

const TEXT_OPS: readonly TFilterOp[] = ['eq', 'neq', 'contains', 'in', 'notIn', 'isEmpty', 'isNotEmpty'];
const ORDERED_OPS: readonly TFilterOp[] = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'in',
  'notIn',
  'isEmpty',
  'isNotEmpty',
];
const DATE_OPS: readonly TFilterOp[] = [...ORDERED_OPS, 'before', 'after', 'inLast', 'notInLast'];
const LIST_OPS: readonly TFilterOp[] = ['eq', 'contains', 'in', 'notIn', 'isEmpty', 'isNotEmpty'];

export const OPS_BY_KIND: Record<TFieldKind, readonly TFilterOp[]> = {
  text: TEXT_OPS,
  select: TEXT_OPS,
  number: ORDERED_OPS,
  date: DATE_OPS,
  datetime: DATE_OPS,
  boolean: ['eq', 'neq', 'isEmpty', 'isNotEmpty'],
  textArray: LIST_OPS,
  multiSelect: LIST_OPS,
  jsonList: LIST_OPS,
  uuid: ['eq', 'neq', 'in', 'notIn', 'isEmpty', 'isNotEmpty'],
  link: ['eq', 'in', 'notIn', 'isEmpty', 'isNotEmpty'],
};

const SQL_TYPE: Record<TFieldKind, string> = {
  text: 'text',
  select: 'text',
  number: 'numeric',
  date: 'date',
  datetime: 'timestamptz',
  boolean: 'boolean',
  textArray: 'text',
  multiSelect: 'text',
  jsonList: 'text',
  uuid: 'uuid',
  link: 'uuid',
};

const COMBINING_MARKS = '[\u0300-\u036f]';

/** Lowercase, decomposed, accents dropped: the same as `foldText` in JavaScript. */
export const foldSql = (expr: RawBuilder<unknown>): RawBuilder<string> =>
  sql<string>`regexp_replace(normalize(lower(${expr}), NFD), ${COMBINING_MARKS}, '', 'g')`;

const sqlTypeOf = (field: TFilterField) => sql.raw(field.sqlType ?? SQL_TYPE[field.kind]);
const typed = (value: string, field: TFilterField) => sql`${value}::${sqlTypeOf(field)}`;
const typedList = (values: string[], field: TFilterField) => sql`${values}::${sqlTypeOf(field)}[]`;

const compareOps = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=', before: '<', after: '>' } as const;

function compileScalar(
  field: TFilterField,
  op: TFilterOp,
  value: unknown,
  path: string,
): RawBuilder<boolean> {
  const { expr, kind } = field;
  switch (op) {
    case 'isEmpty':
      return kind === 'text' || kind === 'select'
        ? sql<boolean>`(${expr} is null or ${expr} = '')`
        : sql<boolean>`(${expr} is null)`;
    case 'isNotEmpty':
      return kind === 'text' || kind === 'select'
        ? sql<boolean>`(${expr} <> '')`
        : sql<boolean>`(${expr} is not null)`;
    case 'contains': {
      const text = readScalar({ ...field, options: undefined }, value, path);
      return sql<boolean>`(strpos(${foldSql(expr)}, ${foldText(text)}) > 0)`;
    }
    case 'neq':
      return sql<boolean>`(${expr} is distinct from ${typed(readScalar(field, value, path), field)})`;
    case 'in':
      return sql<boolean>`(${expr} = any(${typedList(readList(field, value, path, FILTER_LIMITS.listValues), field)}))`;
    case 'notIn':
      return sql<boolean>`(not coalesce(${expr} = any(${typedList(readList(field, value, path, FILTER_LIMITS.listValues), field)}), false))`;
    case 'between': {
      const [from, to] = readRange(field, value, path);
      return sql<boolean>`(${expr} between ${typed(from, field)} and ${typed(to, field)})`;
    }
    case 'inLast':
    case 'notInLast': {
      const interval = readRelative(value, path);
      // `now()` is the transaction's start: one consistent "now" for the whole request.
      const since =
        kind === 'date'
          ? sql`(current_date - ${interval}::interval)::date`
          : sql`(now() - ${interval}::interval)`;
      const until = kind === 'date' ? sql`current_date` : sql`now()`;
      return op === 'inLast'
        ? sql<boolean>`(${expr} >= ${since} and ${expr} <= ${until})`
        : sql<boolean>`(${expr} < ${since})`;
    }
    default:
      return sql<boolean>`(${expr} ${sql.raw(compareOps[op as keyof typeof compareOps])} ${typed(readScalar(field, value, path), field)})`;
  }
}

/** Sets of strings: text[] columns, jsonb arrays of strings (multiSelect, extracted jsonb lists). */
function compileList(field: TFilterField, op: TFilterOp, value: unknown, path: string): RawBuilder<boolean> {
  const { expr, kind } = field;
  const isArray = kind === 'textArray';
  const element = { ...field, kind: 'text' as const };
  const hasAll = (v: string) =>
    isArray
      ? sql<boolean>`${expr} @> array[${v}::text]`
      : sql<boolean>`coalesce(${expr} @> jsonb_build_array(${v}::text), false)`;
  const hasAny = (vs: string[]) =>
    isArray
      ? sql<boolean>`${expr} && ${vs}::text[]`
      : sql<boolean>`coalesce(${expr} ?| ${vs}::text[], false)`;
  switch (op) {
    case 'isEmpty':
      return isArray
        ? sql<boolean>`(cardinality(${expr}) = 0)`
        : sql<boolean>`(coalesce(${expr}, '[]'::jsonb) = '[]'::jsonb)`;
    case 'isNotEmpty':
      return isArray
        ? sql<boolean>`(cardinality(${expr}) > 0)`
        : sql<boolean>`(coalesce(${expr}, '[]'::jsonb) <> '[]'::jsonb)`;
    case 'in':
      return sql<boolean>`(${hasAny(readList(element, value, path, FILTER_LIMITS.listValues))})`;
    case 'notIn':
      return sql<boolean>`(not (${hasAny(readList(element, value, path, FILTER_LIMITS.listValues))}))`;
    case 'contains':
      if (kind === 'jsonList') {
        // Part of any element, e.g. an email's domain: searched in the array's JSON text.
        const text = readScalar({ ...element, options: undefined }, value, path);
        return sql<boolean>`(strpos(${foldSql(sql`${expr}::text`)}, ${foldText(text)}) > 0)`;
      }
      return sql<boolean>`(${hasAll(readScalar(element, value, path))})`;
    default:
      return sql<boolean>`(${hasAll(readScalar(element, value, path))})`;
  }
}

const INDEXED_OPS: readonly TFilterOp[] = [
  'eq',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'in',
  'before',
  'after',
  'inLast',
];

/** Any of the texts of a scalar or list value is longer than `maxBytes` in UTF-8. */
function isLongerThan(value: unknown, maxBytes: number, normalize?: (value: string) => string): boolean {
  return (Array.isArray(value) ? value : [value]).some(
    (item) => typeof item === 'string' && Buffer.byteLength(normalize ? normalize(item) : item) > maxBytes,
  );
}

/** The condition on the field's indexed side table, for the ops that can use it; else null. */
function compileIndexed(
  field: TFilterField,
  op: TFilterOp,
  value: unknown,
  path: string,
): RawBuilder<boolean> | null {
  const { indexed } = field;
  if (!indexed) return null;
  if (field.kind === 'multiSelect') {
    // One side-table row per chosen option: "has this option" and "has any of these" are lookups.
    if (op !== 'eq' && op !== 'contains' && op !== 'in') return null;
    const option = { ...field, kind: 'select' as const, expr: indexed.column };
    return indexed.within(compileScalar(option, op === 'in' ? 'in' : 'eq', value, path));
  }
  if (indexed.isUsableFor && !indexed.isUsableFor(op, value)) return null;
  if (field.kind === 'textArray') {
    // Lists (a customer's favourite categories): the side table's rows of the workspace, not each record.
    if (op !== 'eq' && op !== 'contains' && op !== 'in') return null;
    return indexed.within(compileList({ ...field, expr: indexed.column }, op, value, path));
  }
  if (!INDEXED_OPS.includes(op)) return null;
  // A value too long to be copied (null in the column) is compared on the record itself. Filter
  // values are capped far below the copy's limit today; this keeps equality right if that changes.
  if (indexed.maxTextBytes !== undefined && isLongerThan(value, indexed.maxTextBytes, field.normalize))
    return null;
  const onColumn = { ...field, expr: indexed.column, sqlType: indexed.sqlType };
  if (indexed.exact) return indexed.within(compileOnFloatCopy(onColumn, indexed.exact, op, value, path));
  return indexed.within(compileScalar(onColumn, op, value, path));
}

/**
 * `op value` on a float8 copy of an exact number, exactly. Rounding to float8 keeps order but may
 * merge neighbours, so where the copy differs from the bound's copy it decides alone and only the
 * copies equal to a bound's look at the exact value: ranges stay index conditions on the copy,
 * and the row estimate stays that of the copy's range (`copy <> bound or …` is nearly always true).
 */
function compileOnFloatCopy(
  copy: TFilterField,
  exact: RawBuilder<unknown>,
  op: TFilterOp,
  value: unknown,
  path: string,
): RawBuilder<boolean> {
  const exactField = { ...copy, expr: exact, sqlType: undefined };
  const atBound = (boundOp: TFilterOp, bound: string) =>
    sql<boolean>`(${copy.expr} <> ${typed(bound, copy)} or ${compileScalar(exactField, boundOp, bound, path)})`;
  switch (op) {
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const bound = readScalar(copy, value, path);
      const inclusive = op === 'gt' || op === 'gte' ? 'gte' : 'lte';
      return sql<boolean>`${compileScalar(copy, inclusive, bound, path)} and ${atBound(op, bound)}`;
    }
    case 'between': {
      const [from, to] = readRange(copy, value, path);
      return sql<boolean>`${compileScalar(copy, op, value, path)} and ${atBound('gte', from)} and ${atBound('lte', to)}`;
    }
    default:
      // eq, in: the copy narrows, the exact value decides.
      return sql<boolean>`${compileScalar(copy, op, value, path)} and ${compileScalar(exactField, op, value, path)}`;
  }
}

function compileLink(field: TFilterField, op: TFilterOp, value: unknown, path: string): RawBuilder<boolean> {
  const { linkedToAny, hasLinks } = field;
  if (!linkedToAny || !hasLinks) throw new Error('A link field needs linkedToAny and hasLinks');
  switch (op) {
    case 'isEmpty':
      return sql<boolean>`(not ${hasLinks})`;
    case 'isNotEmpty':
      return hasLinks;
    case 'notIn':
      return sql<boolean>`(not ${linkedToAny(readList(field, value, path, FILTER_LIMITS.listValues))})`;
    case 'in':
      return linkedToAny(readList(field, value, path, FILTER_LIMITS.listValues));
    default:
      return linkedToAny([readScalar(field, value, path)]);
  }
}

type TWalk = { lookup: TFieldLookup; details: TErrorDetail[]; conditions: number };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function compileNode(node: unknown, path: string, depth: number, walk: TWalk): RawBuilder<boolean> | null {
  const problem = (where: string, message: string) => {
    walk.details.push({ path: where, message });
    return null;
  };
  if (!isRecord(node)) return problem(path, 'Must be {and: [...]}, {or: [...]} or {field, op, value}');
  if ('and' in node || 'or' in node) {
    const key = 'and' in node ? 'and' : 'or';
    const extra = Object.keys(node).find((k) => k !== key);
    if (extra) return problem(`${path}.${extra}`, `Not allowed beside "${key}"`);
    if (depth >= FILTER_LIMITS.depth) return problem(path, `Nested more than ${FILTER_LIMITS.depth} levels`);
    const children = node[key];
    if (!Array.isArray(children)) return problem(`${path}.${key}`, 'Must be a list');
    const parts = children.map((child, i) => compileNode(child, `${path}.${key}.${i}`, depth + 1, walk));
    const compiled = parts.filter((p): p is RawBuilder<boolean> => p !== null);
    if (compiled.length !== parts.length) return null;
    if (compiled.length === 0) return key === 'and' ? sql<boolean>`true` : sql<boolean>`false`;
    return sql<boolean>`(${sql.join(compiled, sql.raw(key === 'and' ? ' and ' : ' or '))})`;
  }
  walk.conditions += 1;
  if (walk.conditions > FILTER_LIMITS.conditions)
    return problem(path, `At most ${FILTER_LIMITS.conditions} conditions`);
  const extra = Object.keys(node).find((k) => k !== 'field' && k !== 'op' && k !== 'value');
  if (extra) return problem(`${path}.${extra}`, 'Unknown key');
  const { field: name, op, value } = node;
  const field = typeof name === 'string' ? walk.lookup(name) : undefined;
  if (!field)
    return problem(`${path}.field`, typeof name === 'string' ? `Unknown field "${name}"` : 'Required');
  if (typeof op !== 'string' || !FILTER_OPS.includes(op as TFilterOp))
    return problem(`${path}.op`, `Must be one of ${FILTER_OPS.join(', ')}`);
  const allowed = OPS_BY_KIND[field.kind];
  if (!allowed.includes(op as TFilterOp))
    return problem(`${path}.op`, `"${op}" does not apply to this field; use one of ${allowed.join(', ')}`);
  const typedOp = op as TFilterOp;
  const hasValue = typedOp !== 'isEmpty' && typedOp !== 'isNotEmpty';
  if (!hasValue && value !== undefined && value !== null) return problem(`${path}.value`, 'Takes no value');
  try {
    const viaIndex = compileIndexed(field, typedOp, value, `${path}.value`);
    if (viaIndex) return viaIndex;
    if (field.kind === 'link') return compileLink(field, typedOp, value, `${path}.value`);
    if (field.kind === 'textArray' || field.kind === 'multiSelect' || field.kind === 'jsonList')
      return compileList(field, typedOp, value, `${path}.value`);
    return compileScalar(field, typedOp, value, `${path}.value`);
  } catch (error) {
    if (error instanceof FilterValueError) return problem(error.detail.path, error.detail.message);
    throw error;
  }
}

/**
 * Checks a filter (any JSON) against the fields and compiles it to one SQL condition. Values
 * are always bound parameters and column expressions come only from `lookup`, so no client text
 * reaches the SQL. Every problem is reported at once, each with its path (`filter.and.0.value`).
 */
export function compileFilter(filter: unknown, lookup: TFieldLookup, path = 'filter'): RawBuilder<boolean> {
  const walk: TWalk = { lookup, details: [], conditions: 0 };
  const compiled = compileNode(filter, path, 0, walk);
  const first = walk.details[0];
  if (!compiled || first) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Invalid ${first?.path ?? path}: ${first?.message ?? 'Invalid filter'}`,
      walk.details,
    );
  }
  return compiled;
}

/** The `filter` query parameter: JSON text, parsed with its errors at `filter`. */
export function parseFilterParam(text: string, path = 'filter'): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('VALIDATION_FAILED', `Invalid ${path}: not JSON`, [{ path, message: 'Must be JSON' }]);
  }
}
