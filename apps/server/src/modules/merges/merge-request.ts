import type { TErrorDetail, TMergeRequest } from '@kap/shared';
import { AppError } from '../../lib/errors.ts';

const invalid = (details: TErrorDetail[]) => {
  const first = details[0];
  return new AppError(
    'VALIDATION_FAILED',
    first ? `Invalid ${first.path}: ${first.message}` : 'Invalid merge request',
    details,
  );
};

/**
 * The shape rules of a merge that need no database: the survivor is not among the merged, no
 * id twice, every field choice names a known field and one of the merged records.
 */
export function assertMergeRequest(request: TMergeRequest, fieldNames: ReadonlySet<string>): void {
  const details: TErrorDetail[] = [];
  const seen = new Set<string>();
  request.mergedIds.forEach((id, index) => {
    if (id === request.survivorId) {
      details.push({ path: `mergedIds.${index}`, message: 'The survivor cannot be merged into itself' });
    } else if (seen.has(id)) {
      details.push({ path: `mergedIds.${index}`, message: 'Listed twice' });
    }
    seen.add(id);
  });
  const ids = new Set([request.survivorId, ...request.mergedIds]);
  for (const [field, id] of Object.entries(request.fieldChoices ?? {})) {
    const isCustom = field.startsWith('customFields.') && field.length > 'customFields.'.length;
    if (!isCustom && !fieldNames.has(field)) {
      details.push({ path: `fieldChoices.${field}`, message: 'Not a field that can be chosen' });
    } else if (!ids.has(id)) {
      details.push({ path: `fieldChoices.${field}`, message: 'Must be the survivor or one of mergedIds' });
    }
  }
  if (details.length > 0) throw invalid(details);
}

/** Ids the request names that were not found (or not visible): 404 naming each path. */
export function assertAllFound(request: TMergeRequest, foundIds: ReadonlySet<string>, what: string): void {
  const details: TErrorDetail[] = [];
  if (!foundIds.has(request.survivorId)) details.push({ path: 'survivorId', message: `No such ${what}` });
  request.mergedIds.forEach((id, index) => {
    if (!foundIds.has(id)) details.push({ path: `mergedIds.${index}`, message: `No such ${what}` });
  });
  const first = details[0];
  if (first) throw new AppError('NOT_FOUND', `Invalid ${first.path}: ${first.message}`, details);
}

const isBlank = (value: unknown) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * A single-valued field after the merge: the chosen record's value; else the survivor's; else,
 * when the survivor has none, the first merged record's that has one (a merge fills blanks).
 * `records` is the survivor first, then the merged records in request order.
 */
export function pickSingle<TRecord extends { id: string }, TValue>(
  records: readonly TRecord[],
  chosenId: string | undefined,
  read: (record: TRecord) => TValue,
): TValue | undefined {
  const chosen = chosenId === undefined ? undefined : records.find((record) => record.id === chosenId);
  if (chosen) return read(chosen);
  for (const record of records) {
    const value = read(record);
    if (!isBlank(value)) return value;
  }
  return records[0] === undefined ? undefined : read(records[0]);
}

/**
 * A multi-valued field after the merge: every record's items, survivor's first, each once by
 * `keyOf`; or only the chosen record's when the field was chosen.
 */
export function pickUnion<TRecord extends { id: string }, TItem>(
  records: readonly TRecord[],
  chosenId: string | undefined,
  itemsOf: (record: TRecord) => readonly TItem[],
  keyOf: (item: TItem) => string,
): TItem[] {
  const chosen = chosenId === undefined ? undefined : records.find((record) => record.id === chosenId);
  const sources = chosen ? [chosen] : records;
  const seen = new Set<string>();
  const result: TItem[] = [];
  for (const item of sources.flatMap((record) => [...itemsOf(record)])) {
    const key = keyOf(item);
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(item);
  }
  return result;
}

/** Custom field values key by key, each like a single-valued field (`customFields.<key>` choices). */
export function pickCustomFields<TRecord extends { id: string; customFields: Record<string, unknown> }>(
  records: readonly TRecord[],
  choices: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const keys = new Set(records.flatMap((record) => Object.keys(record.customFields)));
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const value = pickSingle(records, choices[`customFields.${key}`], (record) => record.customFields[key]);
    if (!isBlank(value)) result[key] = value;
  }
  return result;
}
