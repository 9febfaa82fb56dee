import type { TCustomFieldObjectType, TErrorDetail } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { isMember } from '../workspaces/index.ts';
import { parseFieldValue, parseFilterValue } from './custom-field-parsers.ts';
import { selectFieldDefinitions, type TCustomFieldRow } from './custom-fields.repository.ts';
import { findVisibleRecordIds } from './record-types.ts';

/** What checking values needs from the record's module; the default country only for phone fields. */
export type TValueContext = { getDefaultCountry: () => Promise<string | null> };

export type TCustomFieldValues = Record<string, unknown>;

function failWith(details: TErrorDetail[]): never {
  const first = details[0];
  throw new AppError(
    'VALIDATION_FAILED',
    first ? `Invalid ${first.path}: ${first.message}` : 'Invalid custom fields',
    details,
  );
}

/** Users and related records named by the values must exist (and be visible): one query per kind. */
async function collectReferenceErrors(
  trx: TTrx,
  actor: TActor,
  references: { key: string; field: TCustomFieldRow; id: string }[],
): Promise<TErrorDetail[]> {
  const details: TErrorDetail[] = [];
  const byType = new Map<TCustomFieldObjectType, string[]>();
  for (const ref of references) {
    if (ref.field.type === 'relation' && ref.field.relationObjectType) {
      byType.set(ref.field.relationObjectType, [...(byType.get(ref.field.relationObjectType) ?? []), ref.id]);
    }
  }
  const found = new Map<TCustomFieldObjectType, Set<string>>();
  for (const [objectType, ids] of byType)
    found.set(objectType, await findVisibleRecordIds(trx, actor, objectType, ids));
  for (const ref of references) {
    if (ref.field.type === 'user') {
      if (!(await isMember(trx, actor.workspaceId, ref.id))) {
        details.push({ path: `customFields.${ref.key}`, message: 'Not a member of this workspace' });
      }
    } else if (ref.field.relationObjectType && !found.get(ref.field.relationObjectType)?.has(ref.id)) {
      details.push({
        path: `customFields.${ref.key}`,
        message: `No such ${ref.field.relationObjectType} in this workspace`,
      });
    }
  }
  return details;
}

/**
 * Checks `input` against the object type's field definitions and returns the values to store:
 * `current` with the given keys set, and those given null (or "" or []) removed. Values of
 * fields not named in `input` are kept as they are, archived ones included. Every problem is
 * reported at once, each at `customFields.<key>`.
 */
export async function applyCustomFieldValues(
  trx: TTrx,
  actor: TActor,
  objectType: TCustomFieldObjectType,
  current: TCustomFieldValues,
  input: TCustomFieldValues | undefined,
  context: TValueContext,
): Promise<TCustomFieldValues> {
  const entries = Object.entries(input ?? {});
  if (entries.length === 0) return current;
  const fields = new Map(
    (await selectFieldDefinitions(trx, actor.workspaceId, { objectType, includeArchived: true })).map((f) => [
      f.key,
      f,
    ]),
  );
  const needsCountry = entries.some(([key, raw]) => fields.get(key)?.type === 'phone' && raw !== null);
  const defaultCountry = needsCountry ? await context.getDefaultCountry() : null;
  const details: TErrorDetail[] = [];
  const references: { key: string; field: TCustomFieldRow; id: string }[] = [];
  const next: TCustomFieldValues = { ...current };
  for (const [key, raw] of entries) {
    const path = `customFields.${key}`;
    const field = fields.get(key);
    if (!field) {
      details.push({ path, message: 'Unknown custom field' });
      continue;
    }
    if (field.isArchived) {
      details.push({ path, message: 'This custom field is archived' });
      continue;
    }
    const parsed = parseFieldValue(field, raw, defaultCountry);
    if ('error' in parsed) {
      details.push({ path, message: parsed.error });
      continue;
    }
    if (parsed.value === null) {
      delete next[key];
      continue;
    }
    next[key] = parsed.value;
    if (field.type === 'user' || field.type === 'relation')
      references.push({ key, field, id: String(parsed.value) });
  }
  if (details.length === 0) details.push(...(await collectReferenceErrors(trx, actor, references)));
  if (details.length > 0) failWith(details);
  return next;
}

/** Keys of the fields whose values a response shows: active ones, and archived ones on request. */
export async function loadVisibleFieldKeys(
  trx: TTrx,
  workspaceId: string,
  objectType: TCustomFieldObjectType,
  includeArchived: boolean,
): Promise<Set<string>> {
  return new Set(
    (await selectFieldDefinitions(trx, workspaceId, { objectType, includeArchived })).map((f) => f.key),
  );
}

export function pickVisibleValues(
  values: TCustomFieldValues,
  visibleKeys: ReadonlySet<string>,
): TCustomFieldValues {
  return Object.fromEntries(Object.entries(values).filter(([key]) => visibleKeys.has(key)));
}

/**
 * The `cf.<key>=<value>` parameters of a list's query string. They are read from the raw query
 * because their names are not known in advance; everything else there goes through the schema.
 */
export function readCustomFieldQuery(rawQuery: unknown): Record<string, string> {
  const filters: Record<string, string> = {};
  if (typeof rawQuery !== 'object' || rawQuery === null) return filters;
  for (const [name, value] of Object.entries(rawQuery)) {
    if (!name.startsWith('cf.')) continue;
    if (typeof value !== 'string' || value.length > 500 || value.includes('\u0000')) {
      failWith([{ path: `query.${name}`, message: 'One value of at most 500 characters' }]);
    }
    filters[name] = value;
  }
  return filters;
}

/**
 * `cf.<key>=<value>` filters as one jsonb document for `custom_fields @> …`, each value read as
 * its field's type; null when there are none.
 */
export async function buildCustomFieldFilter(
  trx: TTrx,
  workspaceId: string,
  objectType: TCustomFieldObjectType,
  filters: Record<string, string>,
  context: TValueContext,
): Promise<TCustomFieldValues | null> {
  const wanted = Object.entries(filters);
  if (wanted.length === 0) return null;
  const fields = new Map(
    (await selectFieldDefinitions(trx, workspaceId, { objectType })).map((f) => [f.key, f]),
  );
  const needsCountry = wanted.some(([name]) => fields.get(name.slice(3))?.type === 'phone');
  const defaultCountry = needsCountry ? await context.getDefaultCountry() : null;
  const details: TErrorDetail[] = [];
  const filter: TCustomFieldValues = {};
  for (const [name, text] of wanted) {
    const key = name.slice(3);
    const field = fields.get(key);
    const parsed = field ? parseFilterValue(field, text, defaultCountry) : { error: 'Unknown custom field' };
    if ('error' in parsed) details.push({ path: `query.${name}`, message: parsed.error });
    else filter[key] = parsed.value;
  }
  if (details.length > 0) failWith(details);
  return filter;
}
