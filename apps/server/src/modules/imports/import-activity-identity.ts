import { createHash } from 'node:crypto';
import type { TImportMode } from '@kap/shared';
import type { TImportedActivityFields } from '../activities/index.ts';
import { isBlank } from './import-batch.types.ts';
import type { TActivityImportRecord } from './mapping/index.ts';
import { stableStringify } from './stable-stringify.ts';

/** Bump when what goes into the hash changes: keys of older imports then simply stop matching. */
const IMPORT_KEY_VERSION = 1;

export type TActivityIdentity = {
  externalSource: string | null;
  externalId: string | null;
  importKey: string | null;
};

/**
 * How a later import recognises the activity a row becomes: the row's external id when the
 * mapping has one, else its import key — a SHA-256 of the row's converted values (type, channel,
 * direction, time, duration, outcome, subject, body as parsed, before defaults such as "now"),
 * the person it links to and its company name (lowercase). The same file with the same mapping
 * gives the same keys; a changed cell, mapping option or linked person gives a new one.
 */
export function activityIdentityOf(
  record: TActivityImportRecord,
  personId: string | null,
): TActivityIdentity {
  if (record.externalId) {
    return { externalSource: record.externalId.source, externalId: record.externalId.id, importKey: null };
  }
  const content = stableStringify({
    v: IMPORT_KEY_VERSION,
    input: record.input,
    personId,
    company: record.companyName?.toLowerCase() ?? null,
  });
  return {
    externalSource: null,
    externalId: null,
    importKey: createHash('sha256').update(content).digest('base64url'),
  };
}

/** One string per identity, for maps of a batch's activities. */
export const identityKeyOf = (identity: TActivityIdentity): string =>
  identity.externalId !== null
    ? `externalId\u0000${identity.externalSource}\u0000${identity.externalId}`
    : `importKey\u0000${identity.importKey}`;

const FIELDS = [
  'type',
  'channel',
  'direction',
  'occurredAt',
  'durationSeconds',
  'outcome',
  'subject',
  'body',
] as const;

/**
 * A matched activity's fields after a row: only the cells the row has count (a default such as
 * the channel of the type or "now" never overwrites); `overwrite` replaces with them, `fillEmpty`
 * fills only empty fields.
 */
export function mergeActivityFields(
  current: TImportedActivityFields,
  incoming: TImportedActivityFields,
  input: TActivityImportRecord['input'],
  mode: Exclude<TImportMode, 'skip'>,
): TImportedActivityFields {
  const next: TImportedActivityFields = { ...current };
  for (const field of FIELDS) {
    const isInRow = field === 'type' || !isBlank(input[field]);
    if (!isInRow || isBlank(incoming[field])) continue;
    if (mode === 'overwrite' || isBlank(current[field]))
      (next as Record<string, unknown>)[field] = incoming[field];
  }
  return next;
}
