import type { TErrorDetail, TExternalId } from '@kap/shared';
import { AppError } from './errors.ts';

/**
 * External ids (source + id: the id a shop, app or other CRM gives a record) belong to one record
 * of a kind per workspace. People and companies keep them in their own lookup tables; the rules
 * and the errors that name the field are the same for both, and live here.
 */

export const externalIdKey = (externalId: { source: string; id: string }): string =>
  `${externalId.source}\u0000${externalId.id}`;

/** The same external id twice in one request is the sender's mistake: 400 at `externalIds.<i>`. */
export function assertExternalIdsListedOnce(externalIds: readonly TExternalId[]): void {
  const seen = new Set<string>();
  externalIds.forEach((externalId, index) => {
    const key = externalIdKey(externalId);
    if (seen.has(key)) {
      const path = `externalIds.${index}`;
      throw new AppError('VALIDATION_FAILED', `Invalid ${path}: Listed twice`, [
        { path, message: 'Listed twice' },
      ]);
    }
    seen.add(key);
  });
}

/**
 * 409 naming each of `externalIds` that `taken` (found on another record) holds, at
 * `externalIds.<i>.id`; `noun` is the kind of record ("person", "company").
 */
export function externalIdsTakenError(
  externalIds: readonly TExternalId[],
  taken: readonly { source: string; value: string }[],
  noun: string,
): AppError {
  const takenKeys = new Set(taken.map((t) => externalIdKey({ source: t.source, id: t.value })));
  const details: TErrorDetail[] = externalIds.flatMap((externalId, index) =>
    takenKeys.has(externalIdKey(externalId))
      ? [
          {
            path: `externalIds.${index}.id`,
            message: `Another ${noun} already has this ${externalId.source} id`,
          },
        ]
      : [],
  );
  return new AppError(
    'DUPLICATE',
    `Invalid ${details[0]?.path ?? 'externalIds'}: already used by another ${noun}`,
    details,
  );
}

/** A unique index refusing an external id: another write took it a moment ago (409). */
export function externalIdRaceError(noun: string): AppError {
  return new AppError('DUPLICATE', `Another ${noun} already has one of these external ids`, [
    { path: 'externalIds', message: `Already used by another ${noun}` },
  ]);
}

/** `source:id` (a list filter's value) as an external id, or null when it has no such shape. */
export function parseExternalIdText(text: string): TExternalId | null {
  const colon = text.indexOf(':');
  if (colon < 1 || colon === text.length - 1) return null;
  return { source: text.slice(0, colon), id: text.slice(colon + 1) };
}
