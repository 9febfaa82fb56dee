import { type Selectable, sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { keysetAfter } from '../../lib/pagination.ts';
import {
  selectTimelineTime,
  type TRecordLink,
  type TTimelineCursor,
  type TTimelineRecord,
} from '../timeline/index.ts';
import type { TActivitiesTable } from './activities.table.ts';

export const ACTIVITY_COLUMNS = [
  'activities.id',
  'activities.type',
  'activities.channel',
  'activities.direction',
  'activities.occurredAt',
  'activities.durationSeconds',
  'activities.outcome',
  'activities.subject',
  'activities.body',
  'activities.participantIds',
  'activities.ownerId',
  'activities.version',
  'activities.createdAt',
  'activities.updatedAt',
  'activities.createdBy',
  'activities.createdByType',
  'activities.createdByName',
  'activities.updatedBy',
] as const;

export type TActivityRow = Omit<Selectable<TActivitiesTable>, 'workspaceId'>;

export async function selectActivity(
  trx: TTrx,
  workspaceId: string,
  id: string,
  forUpdate = false,
): Promise<TActivityRow | undefined> {
  let query = trx
    .selectFrom('activities')
    .select(ACTIVITY_COLUMNS)
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Links of the given activities, grouped by activity id. */
export async function selectActivityLinks(
  trx: TTrx,
  workspaceId: string,
  activityIds: readonly string[],
): Promise<Map<string, TRecordLink[]>> {
  const byActivity = new Map<string, TRecordLink[]>();
  if (activityIds.length === 0) return byActivity;
  const rows = await trx
    .selectFrom('activityLinks')
    .select(['activityId', 'recordType', 'recordId'])
    .where('workspaceId', '=', workspaceId)
    .where('activityId', 'in', activityIds)
    .orderBy('recordType')
    .orderBy('recordId')
    .execute();
  for (const row of rows) {
    const links = byActivity.get(row.activityId) ?? [];
    links.push({ recordType: row.recordType, recordId: row.recordId });
    byActivity.set(row.activityId, links);
  }
  return byActivity;
}

export async function insertActivityLinks(
  trx: TTrx,
  workspaceId: string,
  activityId: string,
  occurredAt: Date,
  links: readonly TRecordLink[],
): Promise<void> {
  if (links.length === 0) return;
  await trx
    .insertInto('activityLinks')
    .values(links.map((link) => ({ workspaceId, activityId, occurredAt, ...link })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Replaces the activity's links of one record type (e.g. all its people) with `links`. */
export async function replaceActivityLinks(
  trx: TTrx,
  workspaceId: string,
  activityId: string,
  occurredAt: Date,
  recordType: string,
  links: readonly TRecordLink[],
): Promise<void> {
  await trx
    .deleteFrom('activityLinks')
    .where('workspaceId', '=', workspaceId)
    .where('activityId', '=', activityId)
    .where('recordType', '=', recordType)
    .execute();
  await insertActivityLinks(trx, workspaceId, activityId, occurredAt, links);
}

/** The links' copy of the time follows the activity's, so timelines stay in order. */
export async function updateActivityLinkTimes(
  trx: TTrx,
  workspaceId: string,
  activityId: string,
  occurredAt: Date,
): Promise<void> {
  await trx
    .updateTable('activityLinks')
    .set({ occurredAt })
    .where('workspaceId', '=', workspaceId)
    .where('activityId', '=', activityId)
    .execute();
}

export type TActivitiesFilter = {
  workspaceId: string;
  types?: readonly string[] | undefined;
  channels?: readonly string[] | undefined;
  /** Only activities linked to this record (person, company...). */
  linkedTo?: TTimelineRecord | undefined;
  /** And to this one too. */
  alsoLinkedTo?: TTimelineRecord | undefined;
  occurredFrom?: Date | undefined;
  occurredTo?: Date | undefined;
  /** Record scope "own"/"team": only activities owned by these users, or that this user took part in. */
  visibleTo?: { ownerIds: readonly string[]; userId: string | null } | undefined;
};

/**
 * Up to `count` activities after the cursor, ordered by (occurred_at, id). With a record filter
 * the scan runs on that record's links (which carry the time): a busy person's activities are an
 * index range, newest first, which is also what the timeline reads (as one part of its statement,
 * hence the query is returned unrun; `selectActivitiesPage` runs it).
 */
export function activitiesPageQuery(
  trx: TTrx,
  filter: TActivitiesFilter,
  isDescending: boolean,
  count: number,
  after: TTimelineCursor | undefined,
) {
  const linked = filter.linkedTo;
  const time = linked ? sql`activity_links.occurred_at` : sql`activities.occurred_at`;
  const id = linked ? sql`activity_links.activity_id` : sql`activities.id`;
  let query = trx.selectFrom('activities').where('activities.workspaceId', '=', filter.workspaceId);
  if (linked) {
    query = query.$if(true, (qb) =>
      qb
        .innerJoin('activityLinks', (join) =>
          join
            .onRef('activityLinks.workspaceId', '=', 'activities.workspaceId')
            .onRef('activityLinks.activityId', '=', 'activities.id'),
        )
        .where('activityLinks.workspaceId', '=', filter.workspaceId)
        .where('activityLinks.recordType', '=', linked.type)
        .where('activityLinks.recordId', '=', linked.id),
    );
  }
  const also = filter.alsoLinkedTo;
  if (also) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('activityLinks as other')
          .select(sql`1`.as('one'))
          .whereRef('other.workspaceId', '=', 'activities.workspaceId')
          .whereRef('other.activityId', '=', 'activities.id')
          .where('other.recordType', '=', also.type)
          .where('other.recordId', '=', also.id),
      ),
    );
  }
  if (filter.types) query = query.where('activities.type', 'in', [...filter.types] as TActivityRow['type'][]);
  if (filter.channels) {
    query = query.where('activities.channel', 'in', [...filter.channels] as TActivityRow['channel'][]);
  }
  if (filter.occurredFrom) query = query.where(sql<boolean>`${time} >= ${filter.occurredFrom}`);
  if (filter.occurredTo) query = query.where(sql<boolean>`${time} < ${filter.occurredTo}`);
  const visibleTo = filter.visibleTo;
  if (visibleTo) {
    const { ownerIds, userId } = visibleTo;
    query = query.where((eb) =>
      eb.or([
        ...(ownerIds.length > 0 ? [eb('activities.ownerId', 'in', ownerIds)] : []),
        ...(userId ? [sql<boolean>`${userId}::uuid = any(activities.participant_ids)`] : []),
        sql<boolean>`false`,
      ]),
    );
  }
  if (after) query = query.where(keysetAfter(time, id, after.at, 'timestamptz', after.id, isDescending));
  const direction = isDescending ? sql`desc` : sql`asc`;
  return query
    .select(ACTIVITY_COLUMNS)
    .select(selectTimelineTime(time).as('sortTime'))
    .orderBy(sql`${time} ${direction}`)
    .orderBy(sql`${id} ${direction}`)
    .limit(count);
}

export async function selectActivitiesPage(...args: Parameters<typeof activitiesPageQuery>) {
  return activitiesPageQuery(...args).execute();
}

/**
 * Moves every link to `fromIds` onto `toId` (a merge of records): an activity that was linked to
 * both keeps one link. Two statements, because the primary key forbids a plain update there.
 */
export async function moveActivityLinks(
  trx: TTrx,
  workspaceId: string,
  recordType: string,
  fromIds: readonly string[],
  toId: string,
): Promise<number> {
  if (fromIds.length === 0) return 0;
  await sql`insert into activity_links (workspace_id, activity_id, record_type, record_id, occurred_at)
    select workspace_id, activity_id, record_type, ${toId}::uuid, occurred_at from activity_links
    where workspace_id = ${workspaceId} and record_type = ${recordType} and record_id = any(${[...fromIds]}::uuid[])
    on conflict do nothing`.execute(trx);
  const deleted = await trx
    .deleteFrom('activityLinks')
    .where('workspaceId', '=', workspaceId)
    .where('recordType', '=', recordType)
    .where('recordId', 'in', [...fromIds])
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
