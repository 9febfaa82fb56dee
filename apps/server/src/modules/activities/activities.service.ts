import {
  DEFAULT_ACTIVITY_CHANNEL,
  DIRECTIONAL_ACTIVITY_TYPES,
  type TActivity,
  type TActivityType,
  type TCreateActivityRequest,
  type TListActivitiesQuery,
  type TUpdateActivityRequest,
} from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import {
  actorId,
  assertCanRead,
  assertCanWrite,
  isOwnerVisible,
  type TActor,
  visibleOwnerIdsOf,
} from '../../lib/actor.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { isUuid, newId } from '../../lib/ids.ts';
import { assertFreshVersion } from '../../lib/if-match.ts';
import { toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/index.ts';
import { decodeTimeCursor, linkRequestsOf, resolveRecordLinks, type TRecordLink } from '../timeline/index.ts';
import { isMember } from '../workspaces/index.ts';
import {
  ACTIVITY_COLUMNS,
  insertActivityLinks,
  moveActivityLinks,
  replaceActivityLinks,
  selectActivitiesPage,
  selectActivity,
  selectActivityLinks,
  type TActivityRow,
  updateActivityLinkTimes,
} from './activities.repository.ts';
import { snapshotOf, toActivity } from './activities.view.ts';
import { sanitizeActivityBody } from './activity-body.sanitizer.ts';

function assertDirection(type: TActivityType, direction: string | null | undefined): void {
  if (DIRECTIONAL_ACTIVITY_TYPES.includes(type) && !direction) {
    throw new AppError('VALIDATION_FAILED', `A ${type} needs a direction (in or out)`, [
      { path: 'direction', message: `Required for a ${type}` },
    ]);
  }
}

async function resolveParticipants(trx: TTrx, actor: TActor, ids: readonly string[]): Promise<string[]> {
  const unique: string[] = [];
  for (const [index, id] of ids.entries()) {
    const userId = id.toLowerCase();
    if (unique.includes(userId)) continue;
    // A signed-in user's own membership was checked when the request was authenticated.
    const isSelf = actor.type === 'user' && userId === actor.userId;
    if (!isSelf && !(await isMember(trx, actor.workspaceId, userId))) {
      throw new AppError('VALIDATION_FAILED', 'Participants must be members of this workspace', [
        { path: `participantIds.${index}`, message: 'Not a member of this workspace' },
      ]);
    }
    unique.push(userId);
  }
  return unique;
}

/**
 * Roles that see only their own records see the activities they own or took part in. The
 * timeline of a record they may see shows all of its activities.
 */
function isVisible(actor: TActor, row: TActivityRow): boolean {
  return (
    isOwnerVisible(actor, row.ownerId) || (actor.userId !== null && row.participantIds.includes(actor.userId))
  );
}

function visibleToOf(actor: TActor) {
  const ownerIds = visibleOwnerIdsOf(actor);
  return ownerIds === null ? undefined : { ownerIds, userId: actor.userId };
}

async function getVisibleRow(trx: TTrx, actor: TActor, id: string, forUpdate = false): Promise<TActivityRow> {
  const row = isUuid(id)
    ? await selectActivity(trx, actor.workspaceId, id.toLowerCase(), forUpdate)
    : undefined;
  if (!row || !isVisible(actor, row)) throw notFound('Activity');
  return row;
}

async function loadLinks(trx: TTrx, actor: TActor, id: string): Promise<TRecordLink[]> {
  return (await selectActivityLinks(trx, actor.workspaceId, [id])).get(id) ?? [];
}

export async function getActivity(trx: TTrx, actor: TActor, id: string): Promise<TActivity> {
  assertCanRead(actor, 'activities');
  const row = await getVisibleRow(trx, actor, id);
  return toActivity(row, await loadLinks(trx, actor, row.id));
}

export async function listActivities(trx: TTrx, actor: TActor, query: TListActivitiesQuery) {
  assertCanRead(actor, 'activities');
  const personLink = query.personId ? { type: 'person', id: query.personId.toLowerCase() } : undefined;
  const companyLink = query.companyId ? { type: 'company', id: query.companyId.toLowerCase() } : undefined;
  const rows = await selectActivitiesPage(
    trx,
    {
      workspaceId: actor.workspaceId,
      types: query.type,
      channels: query.channel,
      linkedTo: personLink ?? companyLink,
      alsoLinkedTo: personLink ? companyLink : undefined,
      occurredFrom: query.occurredFrom ? new Date(query.occurredFrom) : undefined,
      occurredTo: query.occurredTo ? new Date(query.occurredTo) : undefined,
      visibleTo: visibleToOf(actor),
    },
    query.sort === '-occurredAt',
    query.limit + 1,
    decodeTimeCursor(query.cursor),
  );
  const links = await selectActivityLinks(
    trx,
    actor.workspaceId,
    rows.slice(0, query.limit).map((row) => row.id),
  );
  return toPage(
    rows,
    query.limit,
    (row) => toActivity(row, links.get(row.id) ?? []),
    (row) => [row.sortTime, row.id],
  );
}

export async function createActivity(
  trx: TTrx,
  actor: TActor,
  input: TCreateActivityRequest,
): Promise<TActivity> {
  assertCanWrite(actor, 'activities');
  assertDirection(input.type, input.direction);
  const participantIds = await resolveParticipants(trx, actor, input.participantIds ?? []);
  const links = await resolveRecordLinks(trx, actor, linkRequestsOf(input));
  const now = new Date();
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  const row = await trx
    .insertInto('activities')
    .values({
      workspaceId: actor.workspaceId,
      id: newId(),
      type: input.type,
      channel: input.channel ?? DEFAULT_ACTIVITY_CHANNEL[input.type],
      direction: input.direction ?? null,
      occurredAt,
      durationSeconds: input.durationSeconds ?? null,
      outcome: input.outcome || null,
      subject: input.subject || null,
      body: sanitizeActivityBody(input.body),
      participantIds,
      ownerId: actor.userId,
      createdAt: now,
      updatedAt: now,
      createdBy: actorId(actor),
      createdByType: actor.type,
      createdByName: actor.name,
      updatedBy: actorId(actor),
    })
    .returning(ACTIVITY_COLUMNS)
    .executeTakeFirstOrThrow();
  await insertActivityLinks(trx, actor.workspaceId, row.id, occurredAt, links);
  const activity = toActivity(row, links);
  await recordAudit(trx, actor, {
    action: 'activity.create',
    recordType: 'activity',
    recordId: activity.id,
    after: snapshotOf(activity),
  });
  return activity;
}

/** `expectedVersion` comes from If-Match: a stale write is refused with 412, never merged silently. */
export async function updateActivity(
  trx: TTrx,
  actor: TActor,
  id: string,
  input: TUpdateActivityRequest,
  expectedVersion: number | null,
): Promise<TActivity> {
  assertCanWrite(actor, 'activities');
  const current = await getVisibleRow(trx, actor, id, true);
  assertFreshVersion('activity', current.version, expectedVersion);
  assertDirection(
    input.type ?? current.type,
    input.direction === undefined ? current.direction : input.direction,
  );
  const participantIds =
    input.participantIds === undefined
      ? undefined
      : await resolveParticipants(trx, actor, input.participantIds);
  const before = toActivity(current, await loadLinks(trx, actor, current.id));
  const newLinks = await resolveRecordLinks(trx, actor, linkRequestsOf(input));
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : current.occurredAt;
  const row = await trx
    .updateTable('activities')
    .set({
      ...(input.type !== undefined && { type: input.type }),
      ...(input.channel !== undefined && { channel: input.channel }),
      ...(input.direction !== undefined && { direction: input.direction }),
      ...(input.occurredAt !== undefined && { occurredAt }),
      ...(input.durationSeconds !== undefined && { durationSeconds: input.durationSeconds }),
      ...(input.outcome !== undefined && { outcome: input.outcome || null }),
      ...(input.subject !== undefined && { subject: input.subject || null }),
      ...(input.body !== undefined && { body: sanitizeActivityBody(input.body) }),
      ...(participantIds !== undefined && { participantIds }),
      version: current.version + 1,
      updatedAt: new Date(),
      updatedBy: actorId(actor),
    })
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', current.id)
    .returning(ACTIVITY_COLUMNS)
    .executeTakeFirstOrThrow();
  if (occurredAt.getTime() !== current.occurredAt.getTime()) {
    await updateActivityLinkTimes(trx, actor.workspaceId, row.id, occurredAt);
  }
  for (const request of linkRequestsOf(input)) {
    if (request.ids === undefined) continue;
    const links = newLinks.filter((link) => link.recordType === request.recordType);
    await replaceActivityLinks(trx, actor.workspaceId, row.id, occurredAt, request.recordType, links);
  }
  const after = toActivity(row, await loadLinks(trx, actor, row.id));
  await recordAudit(trx, actor, {
    action: 'activity.update',
    recordType: 'activity',
    recordId: row.id,
    before: snapshotOf(before),
    after: snapshotOf(after),
  });
  return after;
}

export async function deleteActivity(
  trx: TTrx,
  actor: TActor,
  id: string,
  expectedVersion: number | null,
): Promise<void> {
  assertCanWrite(actor, 'activities');
  const current = await getVisibleRow(trx, actor, id, true);
  assertFreshVersion('activity', current.version, expectedVersion);
  const before = toActivity(current, await loadLinks(trx, actor, current.id));
  await trx
    .deleteFrom('activities')
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', current.id)
    .execute();
  await recordAudit(trx, actor, {
    action: 'activity.delete',
    recordType: 'activity',
    recordId: current.id,
    before: snapshotOf(before),
  });
}

/**
 * For merges (people, companies): the merged records' activities now belong to the survivor.
 * The caller has checked the records and writes the merge's audit entry; returns links moved.
 */
export async function moveActivitiesToRecord(
  trx: TTrx,
  actor: TActor,
  move: { recordType: string; fromIds: readonly string[]; toId: string },
): Promise<number> {
  return moveActivityLinks(trx, actor.workspaceId, move.recordType, move.fromIds, move.toId);
}
