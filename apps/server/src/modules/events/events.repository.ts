import { type RawBuilder, sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { isBeforeCursor, selectTimelineTime, type TTimelineCursor } from '../timeline/index.ts';

/** One row to store, in the shape `json_to_recordset` reads (one parameter for the whole batch). */
export type TEventRow = {
  occurred_at: string;
  event_id: string;
  type: string;
  channel: string;
  person_id: string | null;
  anonymous_id: string | null;
  pending_key: string | null;
  properties: Record<string, unknown>;
};

/**
 * The batch in one statement; a (workspace, id, occurredAt) already stored is skipped, which is what
 * makes a retried batch store nothing twice. Answers how many rows were new.
 */
export async function insertEvents(trx: TTrx, workspaceId: string, rows: readonly TEventRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await sql`
    insert into events (workspace_id, occurred_at, event_id, type, channel, person_id, anonymous_id, pending_key, properties)
    select ${workspaceId}::uuid, r.occurred_at, r.event_id, r.type, r.channel, r.person_id, r.anonymous_id, r.pending_key,
           coalesce(r.properties, '{}')
      from json_to_recordset(${JSON.stringify(rows)}::json) as r (
        occurred_at timestamptz, event_id text, type text, channel text, person_id uuid,
        anonymous_id text, pending_key text, properties jsonb)
    on conflict do nothing`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

/** Anonymous ids of the workspace already known to be someone. */
export async function selectAnonymousIdentities(
  trx: TTrx,
  workspaceId: string,
  anonymousIds: readonly string[],
): Promise<Map<string, string>> {
  if (anonymousIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('anonymousIdentities')
    .select(['anonymousId', 'personId'])
    .where('workspaceId', '=', workspaceId)
    .where('anonymousId', '=', sql<string>`any(${[...anonymousIds]}::text[])`)
    .execute();
  return new Map(rows.map((row) => [row.anonymousId, row.personId]));
}

/** New anonymous → person links; an id already linked keeps its person. Answers the ids linked now. */
export async function insertAnonymousIdentities(
  trx: TTrx,
  workspaceId: string,
  links: readonly { anonymousId: string; personId: string }[],
): Promise<{ anonymousId: string; personId: string }[]> {
  if (links.length === 0) return [];
  return trx
    .insertInto('anonymousIdentities')
    .values(links.map((link) => ({ workspaceId, ...link })))
    .onConflict((oc) => oc.columns(['workspaceId', 'anonymousId']).doNothing())
    .returning(['anonymousId', 'personId'])
    .execute();
}

/**
 * Earlier events waiting under one of these keys ('anon:…', 'email:…') now belong to the person.
 * A probe of the small partial index of unlinked events in each partition.
 */
export async function linkPendingEvents(
  trx: TTrx,
  workspaceId: string,
  links: readonly { key: string; personId: string }[],
): Promise<number> {
  if (links.length === 0) return 0;
  const result = await sql`
    update events e set person_id = m.person_id, pending_key = null
      from unnest(${links.map((l) => l.key)}::text[], ${links.map((l) => l.personId)}::uuid[]) as m (key, person_id)
     where e.workspace_id = ${workspaceId} and e.pending_key is not null and e.pending_key = m.key`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

/** Distinct keys of unlinked events (for the maintenance sweep), a page at a time. */
export async function selectPendingKeys(trx: TTrx, workspaceId: string, after: string, limit: number): Promise<string[]> {
  const result = await sql<{ pendingKey: string }>`
    select distinct pending_key from events
     where workspace_id = ${workspaceId} and pending_key is not null and pending_key > ${after}
     order by pending_key limit ${limit}`.execute(trx);
  return result.rows.map((row) => row.pendingKey);
}

/** Workspaces that have unlinked events (system connection: the sweep runs across workspaces). */
export const SELECT_WORKSPACES_WITH_PENDING = sql<{ workspaceId: string }>`
  select distinct workspace_id from events where pending_key is not null`;

export type TEventTimelineRow = {
  id: string;
  eventId: string;
  type: string;
  channel: string;
  anonymousId: string | null;
  properties: Record<string, unknown>;
  sortTime: string;
};

/** The timeline id of an event: a UUID made from the sender's id (the timeline merges by UUID). */
const timelineId = sql`md5(event_id)::uuid`;

/** A person's events before the cursor, newest first, from the (workspace, person, time) index. */
export async function selectPersonEventsPage(
  trx: TTrx,
  workspaceId: string,
  personId: string,
  page: { before?: TTimelineCursor | undefined; limit: number },
  channels: readonly string[] | undefined,
): Promise<TEventTimelineRow[]> {
  const conditions: RawBuilder<unknown>[] = [
    sql`workspace_id = ${workspaceId}`,
    sql`person_id = ${personId}`,
  ];
  if (channels) conditions.push(sql`channel = any(${[...channels]}::text[])`);
  if (page.before) conditions.push(isBeforeCursor(sql`occurred_at`, timelineId, page.before));
  const result = await sql<TEventTimelineRow>`
    select ${timelineId}::text as id, event_id, type, channel, anonymous_id, properties,
           ${selectTimelineTime(sql`occurred_at`)} as sort_time
      from events
     where ${sql.join(conditions, sql` and `)}
     order by occurred_at desc, ${timelineId} desc
     limit ${page.limit}`.execute(trx);
  return result.rows;
}

/**
 * People who did `type` at least `minCount` times in the last `days` days, as a subquery of
 * person ids (segments embed it). An index-only scan of (workspace, type, occurred_at, person).
 */
export function personIdsByEventFrequency(
  workspaceId: string,
  input: { type: string; minCount: number; days: number },
): RawBuilder<{ personId: string }> {
  return sql<{ personId: string }>`
    select person_id from events
     where workspace_id = ${workspaceId} and type = ${input.type}
       and occurred_at >= now() - make_interval(days => ${input.days}::int) and person_id is not null
     group by person_id
    having count(*) >= ${input.minCount}::int`;
}

export async function countByEventFrequency(
  trx: TTrx,
  workspaceId: string,
  input: { type: string; minCount: number; days: number },
): Promise<number> {
  const result = await sql<{ count: string }>`
    select count(*) as count from (${personIdsByEventFrequency(workspaceId, input)}) as people`.execute(trx);
  return Number(result.rows[0]?.count ?? 0);
}

/** Merge: the merged people's events and anonymous ids now belong to the survivor. */
export async function moveEventsToPerson(
  trx: TTrx,
  workspaceId: string,
  fromIds: readonly string[],
  toId: string,
): Promise<number> {
  const moved = await sql`
    update events set person_id = ${toId}
     where workspace_id = ${workspaceId} and person_id = any(${[...fromIds]}::uuid[])`.execute(trx);
  await trx
    .updateTable('anonymousIdentities')
    .set({ personId: toId })
    .where('workspaceId', '=', workspaceId)
    .where('personId', 'in', [...fromIds])
    .execute();
  return Number(moved.numAffectedRows ?? 0);
}

/** Creates the month's partition if missing and in range (see migration 0010); true when made now. */
export async function ensurePartition(trx: TTrx, month: string): Promise<boolean> {
  const result = await sql<{ made: boolean }>`select events_ensure_partition(${month}::date) as made`.execute(trx);
  return result.rows[0]?.made === true;
}
