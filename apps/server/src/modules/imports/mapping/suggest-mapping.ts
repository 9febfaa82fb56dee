import {
  DEFAULT_IMPORT_ORDER_SOURCE,
  findImportTarget,
  IMPORT_TARGETS,
  type TImportMapping,
  type TImportObjectType,
} from '@kap/shared';
import { guessDateFormat } from './date-parsers.ts';
import { IMPORT_KEYWORDS, IMPORT_SYNONYMS } from './import-synonyms.ts';
import { normalizeName } from './value-parsers.ts';

/** What suggesting needs of a custom field definition. */
export type TSuggestableField = { key: string; label: string; isArchived?: boolean };

/** When a header names a target already taken, the next of the same kind (a second email column). */
const NEXT_OF_KIND: Record<string, string[]> = {
  email: ['email2', 'email3'],
  email2: ['email3'],
  phone: ['workPhone', 'homePhone'],
};

/** The target a column of email or phone samples fills, per object type. */
const SAMPLE_TARGETS: Record<TImportObjectType, { email?: string; phone?: string }> = {
  person: { email: 'email', phone: 'phone' },
  company: {},
  activity: { email: 'personEmail' },
  product: {},
  order: { email: 'customerEmail', phone: 'customerPhone' },
};

const EMAIL_LIKE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_LIKE = /^\+?[\d\s().-]{7,20}$/;

/** "email" or "phone" when at least 80% of a column's (non-empty, at least 3) samples look like one. */
function kindOfSamples(samples: readonly string[]): 'email' | 'phone' | null {
  const values = samples.filter((value) => value !== '');
  if (values.length < 3) return null;
  const share = (pattern: RegExp) => values.filter((value) => pattern.test(value)).length / values.length;
  if (share(EMAIL_LIKE) >= 0.8) return 'email';
  if (share(PHONE_LIKE) >= 0.8 && values.every((value) => /\d{3}/.test(value))) return 'phone';
  return null;
}

const synonymIndexes = new Map<TImportObjectType, Map<string, string>>();

function synonymIndex(objectType: TImportObjectType): Map<string, string> {
  let index = synonymIndexes.get(objectType);
  if (!index) {
    index = new Map();
    for (const target of IMPORT_TARGETS[objectType]) index.set(normalizeName(target.key), target.key);
    for (const target of IMPORT_TARGETS[objectType]) index.set(normalizeName(target.label), target.key);
    for (const [key, names] of Object.entries(IMPORT_SYNONYMS[objectType])) {
      for (const name of names) {
        const normalized = normalizeName(name);
        // The first target that claims a name keeps it (lists are ordered by strength).
        if (!index.has(normalized)) index.set(normalized, key);
      }
    }
    synonymIndexes.set(objectType, index);
  }
  return index;
}

/**
 * Columns matched to fields by name: first the workspace's custom fields (key or label), then the
 * names of each field in English, Armenian, Georgian, Lithuanian, Russian and other CRMs' exports,
 * then words inside longer headers. Each field takes one column unless it is repeatable (tags).
 * `sampleRows` (optional) let it choose the day order of dates such as 03/04/2024.
 */
export function suggestMapping(
  objectType: TImportObjectType,
  headers: readonly string[],
  customFields: readonly TSuggestableField[],
  sampleRows: readonly (readonly string[])[] = [],
): TImportMapping {
  const used = new Set<string>();
  const targets: (string | null)[] = headers.map(() => null);
  const take = (index: number, key: string): boolean => {
    const candidates = [key, ...(NEXT_OF_KIND[key] ?? [])];
    for (const candidate of candidates) {
      const isRepeatable = findImportTarget(objectType, candidate)?.isRepeatable ?? false;
      if (!isRepeatable && used.has(candidate)) continue;
      used.add(candidate);
      targets[index] = candidate;
      return true;
    }
    return false;
  };
  const normalized = headers.map(normalizeName);
  const fieldsByName = new Map<string, string>();
  for (const field of customFields) {
    if (field.isArchived) continue;
    fieldsByName.set(normalizeName(field.key), `cf.${field.key}`);
    fieldsByName.set(normalizeName(field.label), `cf.${field.key}`);
  }
  const synonyms = synonymIndex(objectType);
  normalized.forEach((name, index) => {
    const custom = fieldsByName.get(name);
    if (custom) take(index, custom);
  });
  normalized.forEach((name, index) => {
    if (targets[index] !== null) return;
    const key = synonyms.get(name);
    if (key) take(index, key);
  });
  normalized.forEach((name, index) => {
    if (targets[index] !== null) return;
    const words = ` ${name} `;
    for (const [keyword, keys] of IMPORT_KEYWORDS[objectType]) {
      if (!words.includes(` ${keyword} `)) continue;
      if (keys.some((key) => take(index, key))) return;
    }
  });
  // Last, columns whose name says nothing but whose sample values are clearly emails or phones.
  headers.forEach((_header, index) => {
    if (targets[index] !== null) return;
    const kind = kindOfSamples(sampleRows.map((row) => row[index] ?? ''));
    const key = kind ? SAMPLE_TARGETS[objectType][kind] : undefined;
    if (key) take(index, key);
  });
  const mapping: TImportMapping = {
    columns: headers.map((column, index) => ({ column, target: targets[index] ?? null })),
    options: { dateFormat: 'auto', decimalSeparator: 'auto' },
  };
  const dateColumns = targets.flatMap((key, index) => {
    const kind = key ? findImportTarget(objectType, key)?.kind : undefined;
    return kind === 'date' || kind === 'datetime' ? [index] : [];
  });
  const dateFormat = guessDateFormat(
    dateColumns.flatMap((index) => sampleRows.map((row) => row[index] ?? '')),
  );
  if (dateFormat) mapping.options.dateFormat = dateFormat;
  if (targets.some((key) => key !== null && findImportTarget(objectType, key)?.kind === 'externalId')) {
    // An order import's source is also its orders' source: the same default as without the column.
    mapping.options.externalIdSource = objectType === 'order' ? DEFAULT_IMPORT_ORDER_SOURCE : 'file';
  }
  return mapping;
}
