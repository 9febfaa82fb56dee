import {
  CUSTOM_FIELD_TARGET_PREFIX,
  findImportMappingProblems,
  findImportTarget,
  type TImportMapping,
  type TImportObjectType,
} from '@kap/shared';
import { AppError } from '../../../lib/errors.ts';
import type { TSourceRow } from '../reading/index.ts';
import type {
  TActivityImportRecord,
  TCompanyImportRecord,
  TConverterContext,
  TImportCustomField,
  TImportRecord,
  TPersonImportRecord,
  TRowConverter,
  TRowRejection,
} from './converter-types.ts';
import { createCustomFieldParser } from './custom-field-parsers.ts';
import { assembleOrderLine, assembleProduct } from './order-product-assemblers.ts';
import { assembleActivity, assembleCompany, assemblePerson, type TDraft } from './record-assemblers.ts';
import { createTargetParser, type TTextParser } from './target-parsers.ts';

const ASSEMBLERS = {
  person: assemblePerson,
  company: assembleCompany,
  activity: assembleActivity,
  product: assembleProduct,
  order: assembleOrderLine,
} satisfies Record<TImportObjectType, unknown>;

type TStep = (values: readonly string[], draft: TDraft) => TRowRejection | null;

function mappingError(details: { path: string; message: string }[]): AppError {
  const prefixed = details.map((d) => ({ path: `mapping.${d.path}`, message: d.message }));
  const first = prefixed[0];
  return new AppError(
    'VALIDATION_FAILED',
    first ? `Invalid ${first.path}: ${first.message}` : 'Invalid mapping',
    prefixed,
  );
}

/** The field a `cf.<key>` target names: an existing one, or the one the column is about to become. */
function customFieldOf(
  key: string,
  column: TImportMapping['columns'][number],
  fields: ReadonlyMap<string, TImportCustomField>,
): TImportCustomField | undefined {
  const existing = fields.get(key);
  if (existing) return existing;
  const { newField } = column;
  if (newField?.key !== key) return undefined;
  return {
    key,
    label: newField.label,
    type: newField.type,
    options: newField.options?.map((o) => ({ value: o.value, label: o.label ?? o.value })) ?? null,
  };
}

function createStep(
  index: number,
  column: string,
  key: string,
  parse: TTextParser,
  isRepeatable: boolean,
): TStep {
  const isCustom = key.startsWith(CUSTOM_FIELD_TARGET_PREFIX);
  const fieldKey = isCustom ? key.slice(CUSTOM_FIELD_TARGET_PREFIX.length) : key;
  return (values, draft) => {
    const text = values[index];
    if (text === undefined || text === '') return null;
    const result = parse(text);
    if (!result.ok) return { ok: false, reason: `${column} ${result.error}`, column };
    if (isCustom) {
      draft.custom ??= {};
      draft.custom[fieldKey] = result.value;
    } else if (isRepeatable) {
      const items = (draft.fields[key] as string[] | undefined) ?? [];
      for (const item of result.value as string[]) if (!items.includes(item)) items.push(item);
      draft.fields[key] = items;
    } else {
      draft.fields[key] = result.value;
    }
    return null;
  };
}

export function compileRowConverter(
  objectType: 'person',
  mapping: TImportMapping,
  context: TConverterContext,
): TRowConverter<TPersonImportRecord>;
export function compileRowConverter(
  objectType: 'company',
  mapping: TImportMapping,
  context: TConverterContext,
): TRowConverter<TCompanyImportRecord>;
export function compileRowConverter(
  objectType: 'activity',
  mapping: TImportMapping,
  context: TConverterContext,
): TRowConverter<TActivityImportRecord>;
export function compileRowConverter(
  objectType: TImportObjectType,
  mapping: TImportMapping,
  context: TConverterContext,
): TRowConverter<TImportRecord>;
/**
 * Compiles a mapping once into a function from a source row to a schema-valid record input (or
 * a rejection naming the column). Throws VALIDATION_FAILED at `mapping.…` when the mapping does
 * not fit the object type, the file's headers or the custom fields.
 */
export function compileRowConverter(
  objectType: TImportObjectType,
  mapping: TImportMapping,
  context: TConverterContext,
): TRowConverter<TImportRecord> {
  const fields = new Map(context.customFields.map((f) => [f.key, f]));
  // Archived fields count as known here and are refused below with their own reason.
  const problems = findImportMappingProblems(objectType, mapping, new Set(fields.keys()));
  // Whether a new field's key is free is checked when the field is created; by now it may exist.
  const problemsLeft = problems.filter((p) => !p.path.endsWith('.newField.key'));
  const steps: TStep[] = [];
  const columnsByTarget = new Map<string, string>();
  mapping.columns.forEach((column, position) => {
    const key =
      column.target ?? (column.newField ? `${CUSTOM_FIELD_TARGET_PREFIX}${column.newField.key}` : null);
    if (key === null) return;
    const index = context.headers.indexOf(column.column);
    if (index < 0) {
      problemsLeft.push({
        path: `columns.${position}.column`,
        message: `The file has no column "${column.column}"`,
      });
      return;
    }
    let parse: TTextParser;
    let isRepeatable = false;
    if (key.startsWith(CUSTOM_FIELD_TARGET_PREFIX)) {
      const field = customFieldOf(key.slice(CUSTOM_FIELD_TARGET_PREFIX.length), column, fields);
      if (!field) return; // reported by findImportMappingProblems
      if (field.isArchived) {
        problemsLeft.push({
          path: `columns.${position}.target`,
          message: `The custom field "${field.key}" is archived`,
        });
        return;
      }
      parse = createCustomFieldParser(field, mapping.options, context);
    } else {
      const target = findImportTarget(objectType, key);
      if (!target) return; // reported by findImportMappingProblems
      parse = createTargetParser(objectType, target, mapping.options, context);
      isRepeatable = target.isRepeatable;
    }
    if (!columnsByTarget.has(key)) columnsByTarget.set(key, column.column);
    steps.push(createStep(index, column.column, key, parse, isRepeatable));
  });
  const customCount = [...columnsByTarget.keys()].filter((key) =>
    key.startsWith(CUSTOM_FIELD_TARGET_PREFIX),
  ).length;
  if (customCount > 200)
    problemsLeft.push({ path: 'columns', message: 'At most 200 custom fields per import' });
  if (objectType === 'company' && !columnsByTarget.has('name')) {
    problemsLeft.push({ path: 'columns', message: 'Map a column to the company name' });
  }
  if (objectType === 'product' && !columnsByTarget.has('sku')) {
    problemsLeft.push({ path: 'columns', message: 'Map a column to the SKU (products are matched on it)' });
  }
  if (objectType === 'order' && !columnsByTarget.has('orderId')) {
    problemsLeft.push({
      path: 'columns',
      message: 'Map a column to the order id (rows with the same id form one order)',
    });
  }
  if (objectType === 'order' && !columnsByTarget.has('productSku') && !columnsByTarget.has('productName')) {
    problemsLeft.push({ path: 'columns', message: 'Map a column to the product SKU or the product name' });
  }
  if (problemsLeft.length > 0) throw mappingError(problemsLeft);
  const assemble = ASSEMBLERS[objectType];
  const columnOf = (key: string) => columnsByTarget.get(key) ?? null;
  return (row: TSourceRow) => {
    const draft: TDraft = { fields: {}, custom: null };
    for (const step of steps) {
      const rejection = step(row.values, draft);
      if (rejection) return rejection;
    }
    return assemble(draft, columnOf);
  };
}
