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
 * Everything a batch writes, in one statement (one round trip), ADR 0008:
 * - new anonymous id → person links (an id already linked keeps its person);
 * - events waiting under a key that is now known (a newly linked anonymous id, an email or
 *   external id of this batch) join their person: a probe of the small table of waiting keys,
 *   and an update of events only for the keys found there;
 * - the events, skipping any (workspace, id, occurredAt) already stored: a retried batch stores
 *   nothing twice; an anonymous id linked by an earlier batch gives its event the person;
 * - the keys this batch's still unlinked events wait under are remembered.
 * Answers how many events were new.
 */
export async function writeBatch(
  trx: TTrx,
  workspaceId: string,
  batch: {
    rows: readonly TEventRow[];
    anonymousLinks: readonly { anonymousId: string; personId: string }[];
    resolvedKeys: readonly { key: string; personId: string }[];
  },
): Promise<number> {
  if (batch.rows.length === 0) return 0;
  const { anonymousLinks: anon, resolvedKeys: resolved } = batch;
  const result = await sql<{ accepted: string }>`
    with new_links as (
      insert into anonymous_identities (workspace_id, anonymous_id, person_id)
      select ${workspaceId}::uuid, l.anonymous_id, l.person_id
        from unnest(${anon.map((l) => l.anonymousId)}::text[], ${anon.map((l) => l.personId)}::uuid[])
             as l (anonymous_id, person_id)
      on conflict do nothing
      returning anonymous_id, person_id
    ), known as (
      select 'anon:' || anonymous_id as key, person_id from new_links
      union all
      select r.key, r.person_id
        from unnest(${resolved.map((r) => r.key)}::text[], ${resolved.map((r) => r.personId)}::uuid[]) as r (key, person_id)
    ), found as (
      -- "= any(array)": index probes, whatever the planner guesses of the sizes (no hash join
      -- over millions of waiting anonymous ids, nor over billions of events below).
      delete from event_pending_keys w
       where w.workspace_id = ${workspaceId} and w.key = any(array(select key from known))
      returning w.key
    ), relinked as (
      update events e
         set person_id = (select k.person_id from known k where k.key = e.pending_key limit 1), pending_key = null
       where e.workspace_id = ${workspaceId} and e.pending_key is not null
         and e.pending_key = any(array(select key from found))
    ), stored as (
      -- An event of a visitor known from an earlier batch gets their person here (one index probe
      -- per still-unlinked row; the lateral subquery is not flattened into a join).
      insert into events (workspace_id, occurred_at, event_id, type, channel, person_id, anonymous_id, pending_key, properties)
      select ${workspaceId}::uuid, r.occurred_at, r.event_id, r.type, r.channel, coalesce(r.person_id, a.person_id),
             r.anonymous_id, case when a.person_id is null then r.pending_key end, coalesce(r.properties, '{}')
        from json_to_recordset(${JSON.stringify(batch.rows)}::json) as r (
          occurred_at timestamptz, event_id text, type text, channel text, person_id uuid,
          anonymous_id text, pending_key text, properties jsonb)
        left join lateral (
          select i.person_id from anonymous_identities i
           where r.person_id is null and r.anonymous_id is not null
             and i.workspace_id = ${workspaceId} and i.anonymous_id = r.anonymous_id
          offset 0) as a on true
      on conflict do nothing
      returning pending_key
    ), waiting as (
      -- The keys the stored events that stay unlinked wait under.
      insert into event_pending_keys (workspace_id, key)
      select distinct ${workspaceId}::uuid, pending_key from stored where pending_key is not null
      on conflict do nothing
    )
    select count(*) as accepted from stored`.execute(trx);
  return Number(result.rows[0]?.accepted ?? 0);
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

/**
 * Earlier events waiting under one of these keys ('anon:…', 'email:…') now belong to the person.
 * One probe of the small table of waiting keys; events are updated only for the keys found there.
 */
export async function linkPendingEvents(
  trx: TTrx,
  workspaceId: string,
  links: readonly { key: string; personId: string }[],
): Promise<number> {
  if (links.length === 0) return 0;
  const found = await sql<{ key: string }>`
    delete from event_pending_keys
     where workspace_id = ${workspaceId} and key = any(${links.map((l) => l.key)}::text[])
    returning key`.execute(trx);
  const personOf = new Map(links.map((link) => [link.key, link.personId]));
  let linked = 0;
  for (const { key } of found.rows) {
    const personId = personOf.get(key);
    const result = await sql`
      update events set person_id = ${personId}, pending_key = null
       where workspace_id = ${workspaceId} and pending_key is not null and pending_key = ${key}`.execute(trx);
    linked += Number(result.numAffectedRows ?? 0);
  }
  return linked;
}

/** Waiting keys (for the maintenance sweep), a page at a time in key order. */
export async function selectPendingKeys(
  trx: TTrx,
  workspaceId: string,
  after: string,
  limit: number,
): Promise<string[]> {
  const rows = await trx
    .selectFrom('eventPendingKeys')
    .select('key')
    .where('workspaceId', '=', workspaceId)
    .where('key', '>', after)
    .orderBy('key')
    .limit(limit)
    .execute();
  return rows.map((row) => row.key);
}

/** Workspaces with waiting events (system connection: the sweep runs across workspaces). */
export const SELECT_WORKSPACES_WITH_PENDING = sql<{ workspaceId: string }>`
  select distinct workspace_id from event_pending_keys`;

export type TEventTimelineRow = {
  id: string;
  eventId: string;
  type: string;
  channel: string;
  anonymousId: string | null;
  properties: Record<string, unknown>;
  at: string;
};

/** The timeline id of an event: a UUID made from the sender's id (the timeline merges by UUID). */
const timelineId = sql`md5(event_id)::uuid`;

/**
 * A person's events before the cursor, newest first, from the (workspace, person, time) index: one
 * part of the timeline's statement, so the query is returned unrun.
 */
export function selectPersonEventsPage(
  workspaceId: string,
  personId: string,
  page: { before?: TTimelineCursor | undefined; limit: number },
  channels: readonly string[] | undefined,
): RawBuilder<TEventTimelineRow> {
  const conditions: RawBuilder<unknown>[] = [
    sql`workspace_id = ${workspaceId}`,
    sql`person_id = ${personId}`,
  ];
  if (channels) conditions.push(sql`channel = any(${[...channels]}::text[])`);
  if (page.before) conditions.push(isBeforeCursor(sql`occurred_at`, timelineId, page.before));
  return sql<TEventTimelineRow>`
    select ${timelineId}::text as id, event_id, type, channel, anonymous_id, properties,
           ${selectTimelineTime(sql`occurred_at`)} as at
      from events
     where ${sql.join(conditions, sql` and `)}
     order by occurred_at desc, ${timelineId} desc
     limit ${page.limit}`;
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
  const result = await sql<{ made: boolean }>`select events_ensure_partition(${month}::date) as made`.execute(
    trx,
  );
  return result.rows[0]?.made === true;
}
