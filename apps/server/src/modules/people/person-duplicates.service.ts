import type {
  TPersonDuplicate,
  TPersonDuplicateGroup,
  TPersonDuplicateReason,
  TPossibleDuplicate,
} from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { assertCanRead, type TActor } from '../../lib/actor.ts';
import { notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { decodeCursor, encodeCursor } from '../../lib/pagination.ts';
import { PERSON_COLUMNS, selectPerson } from './people.repository.ts';
import type { TIdentifierKind } from './people.table.ts';
import { findVisiblePersonIds } from './person-companies.service.ts';
import {
  selectIdentifierGroups,
  selectIdentifierMatches,
  selectNameMatches,
  type TIdentifierMatch,
  type TNameMatch,
} from './person-duplicates.repository.ts';
import { selectPersonIdsByIdentifier } from './person-identifiers.repository.ts';
import { isVisible, toPeople } from './person-view.ts';

/**
 * How much each reason says "same person". An external id is issued per person by a shop or app;
 * emails are shared less often than phones (households, switchboards); a similar name in the same
 * company or city is a hint only, weighted by how similar. Reasons add up, capped at 1.
 */
const WEIGHTS: Record<Exclude<TPersonDuplicateReason, 'name'>, number> = {
  externalId: 0.7,
  email: 0.6,
  phone: 0.5,
};
const NAME_WEIGHT = 0.4;
const NAME_MIN_SCORE = 0.45;
const REASON_ORDER: TPersonDuplicateReason[] = ['externalId', 'email', 'phone', 'name'];
const MAX_DUPLICATES = 20;

type TMatch = { id: string; reasons: TPersonDuplicateReason[]; score: number };

export const NAME_MATCH_OPTIONS = { minScore: NAME_MIN_SCORE, limit: MAX_DUPLICATES, cityCap: 5000 };

/** Likely duplicates of a person the actor can see, among people they can see, best first. */
async function findMatches(trx: TTrx, actor: TActor, personId: string): Promise<TMatch[]> {
  return rankMatches(
    trx,
    actor,
    await selectIdentifierMatches(trx, actor.workspaceId, personId),
    await selectNameMatches(trx, actor.workspaceId, personId, NAME_MATCH_OPTIONS),
  );
}

/** Adds up the reasons per person, keeps the people the actor can see, best first. */
export async function rankMatches(
  trx: TTrx,
  actor: TActor,
  byIdentifier: readonly TIdentifierMatch[],
  byName: readonly TNameMatch[],
): Promise<TMatch[]> {
  const matches = new Map<string, { reasons: Set<TPersonDuplicateReason>; score: number }>();
  const add = (id: string, reason: TPersonDuplicateReason, weight: number) => {
    const match = matches.get(id) ?? { reasons: new Set(), score: 0 };
    if (!match.reasons.has(reason)) match.score += weight;
    match.reasons.add(reason);
    matches.set(id, match);
  };
  for (const row of byIdentifier) add(row.personId, row.kind, WEIGHTS[row.kind]);
  for (const row of byName) add(row.personId, 'name', NAME_WEIGHT * row.score);
  const visible = await findVisiblePersonIds(trx, actor, [...matches.keys()]);
  return [...matches]
    .filter(([id]) => visible.has(id))
    .map(([id, match]) => ({
      id,
      reasons: REASON_ORDER.filter((reason) => match.reasons.has(reason)),
      score: Math.min(1, Math.round(match.score * 1000) / 1000),
    }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, MAX_DUPLICATES);
}

/** For the create reply: ids and reasons only, so creating stays cheap. */
export async function findPossibleDuplicates(
  trx: TTrx,
  actor: TActor,
  personId: string,
): Promise<TPossibleDuplicate[]> {
  return findMatches(trx, actor, personId);
}

/** `GET /people/{id}/duplicates`: the people who look like this one, with why and how much. */
export async function findPersonDuplicates(
  trx: TTrx,
  actor: TActor,
  id: string,
): Promise<TPersonDuplicate[]> {
  assertCanRead(actor, 'people');
  const subject = isUuid(id) ? await selectPerson(trx, actor.workspaceId, id.toLowerCase()) : undefined;
  if (!subject || !isVisible(actor, subject.ownerId)) throw notFound('Person');
  return toDuplicates(trx, actor, await findMatches(trx, actor, subject.id));
}

/** Matches with their people loaded, in the matches' order. */
export async function toDuplicates(
  trx: TTrx,
  actor: TActor,
  matches: readonly TMatch[],
): Promise<TPersonDuplicate[]> {
  if (matches.length === 0) return [];
  const rows = await trx
    .selectFrom('people')
    .select(PERSON_COLUMNS)
    .where('workspaceId', '=', actor.workspaceId)
    .where(
      'id',
      'in',
      matches.map((m) => m.id),
    )
    .execute();
  const people = new Map((await toPeople(trx, actor.workspaceId, rows)).map((person) => [person.id, person]));
  return matches.flatMap((match) => {
    const person = people.get(match.id);
    return person ? [{ person, reasons: match.reasons, score: match.score }] : [];
  });
}

/** Identifier rows read per request at most, however few of them are shared. */
const SCAN_LIMIT = 10_000;

const isGroupCursor = ([kind, source, value, inclusive]: unknown[]) =>
  typeof kind === 'string' &&
  typeof source === 'string' &&
  typeof value === 'string' &&
  (inclusive === 0 || inclusive === 1);

/** The groups of one window and where the next page starts (see `selectIdentifierGroups`). */
async function readGroupPage(
  trx: TTrx,
  workspaceId: string,
  limit: number,
  cursor: string | undefined,
  scanLimit: number,
) {
  const after = cursor ? decodeCursor(cursor, 4, isGroupCursor) : null;
  const from = after
    ? {
        kind: String(after[0]),
        source: String(after[1]),
        value: String(after[2]),
        isInclusive: after[3] === 1,
      }
    : null;
  const { groups, scanned, keys } = await selectIdentifierGroups(trx, workspaceId, scanLimit, from);
  const isWindowFull = scanned === scanLimit;
  const lastKey = groups.find((group) => group.isLast);
  // A full window may have cut its last value short: that value is read again by the next page.
  const isLastCut = isWindowFull && keys > 1;
  if (isWindowFull && keys === 1 && lastKey) {
    // One value filled the whole window: read all of its people at once, or the walk would stall.
    const identifier = {
      kind: lastKey.kind as TIdentifierKind,
      source: lastKey.source,
      value: lastKey.value,
    };
    lastKey.personIds = (await selectPersonIdsByIdentifier(trx, workspaceId, identifier)).sort();
    lastKey.count = lastKey.personIds.length;
  }
  const complete = groups.filter((group) => group.count > 1 && !(group.isLast && isLastCut));
  const page = complete.slice(0, limit);
  const lastOfPage = page.at(-1);
  let nextCursor: string | null = null;
  if (complete.length > limit && lastOfPage) {
    nextCursor = encodeCursor([lastOfPage.kind, lastOfPage.source, lastOfPage.value, 0]);
  } else if (isWindowFull && lastKey) {
    nextCursor = encodeCursor([lastKey.kind, lastKey.source, lastKey.value, isLastCut ? 1 : 0]);
  }
  return { page, nextCursor };
}

/**
 * The workspace's "possible duplicates" list: one group per email, phone or external id that
 * two or more people share. Each request reads a bounded window of identifiers, and groups with
 * fewer than two people the actor can see are left out, so a page may hold fewer than `limit`
 * groups (even none) while `nextCursor` still leads on; null means the end.
 */
export async function listDuplicateGroups(
  trx: TTrx,
  actor: TActor,
  query: { limit: number; cursor?: string | undefined },
  /** Rows read per request; smaller only in tests, to cross window edges with little data. */
  scanLimit = SCAN_LIMIT,
): Promise<{ data: TPersonDuplicateGroup[]; nextCursor: string | null }> {
  assertCanRead(actor, 'people');
  const { page, nextCursor } = await readGroupPage(
    trx,
    actor.workspaceId,
    query.limit,
    query.cursor,
    scanLimit,
  );
  const ids = [...new Set(page.flatMap((group) => group.personIds))];
  const visibleIds = [...(await findVisiblePersonIds(trx, actor, ids))];
  const rows =
    visibleIds.length === 0
      ? []
      : await trx
          .selectFrom('people')
          .select(PERSON_COLUMNS)
          .where('workspaceId', '=', actor.workspaceId)
          .where('id', 'in', visibleIds)
          .execute();
  const people = new Map((await toPeople(trx, actor.workspaceId, rows)).map((person) => [person.id, person]));
  const data = page.flatMap((group) => {
    const members = group.personIds.flatMap((id) => people.get(id) ?? []);
    if (members.length < 2) return [];
    const value = group.kind === 'externalId' ? `${group.source}:${group.value}` : group.value;
    return [{ reason: group.kind as TPersonDuplicateGroup['reason'], value, people: members }];
  });
  return { data, nextCursor };
}
