import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import {
  deleteRowsCreatedByMarker,
  selectRowsCreatedByMarkerChangedSince,
} from '../../lib/import-markers.ts';
import { sanitizeActivityBody } from './activity-body.sanitizer.ts';

/** Bulk writes of activities for imports: one insert of the activities and one of their links per batch. */

/** What an import sets on an activity (and what undo puts back). */
export type TImportedActivityFields = {
  type: string;
  channel: string;
  direction: string | null;
  occurredAt: string;
  durationSeconds: number | null;
  outcome: string | null;
  subject: string | null;
  body: string | null;
};

/**
 * Its identity for later imports: the file's external id, else `importKey` (a hash of the row,
 * see the imports README); each is unique per workspace.
 */
export type TActivityImportIdentity = {
  externalSource: string | null;
  externalId: string | null;
  importKey: string | null;
};

export type TImportedActivity = TImportedActivityFields &
  Partial<TActivityImportIdentity> & {
    id: string;
    ownerId: string | null;
    links: { recordType: 'person' | 'company'; recordId: string }[];
  };

export type TStoredActivity = TImportedActivityFields &
  TActivityImportIdentity & { id: string; version: number };

const FIELD_COLUMNS = `id uuid, type text, channel text, direction text, occurred_at timestamptz,
  duration_seconds integer, outcome text, subject text, body text`;

const toFieldRecord = (a: TImportedActivityFields & { id: string }) => ({
  id: a.id,
  type: a.type,
  channel: a.channel,
  direction: a.direction,
  occurred_at: a.occurredAt,
  duration_seconds: a.durationSeconds,
  outcome: a.outcome,
  subject: a.subject,
  body: sanitizeActivityBody(a.body),
});

const STORED_COLUMNS = sql`id, type, channel, direction,
  to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at, duration_seconds,
  outcome, subject, body, external_source, external_id, import_key, version`;

/**
 * Activities earlier imports wrote with any of these external ids or import keys: one index probe
 * per key (lateral with `offset 0`, as people's identifiers), never a scan of the workspace.
 */
export async function findImportedActivities(
  trx: TTrx,
  workspaceId: string,
  keys: { externalIds: readonly { source: string; id: string }[]; importKeys: readonly string[] },
): Promise<TStoredActivity[]> {
  const { externalIds, importKeys } = keys;
  const byExternalId =
    externalIds.length === 0
      ? []
      : (
          await sql<TStoredActivity>`
    select a.* from unnest(${externalIds.map((x) => x.source)}::text[], ${externalIds.map((x) => x.id)}::text[])
        as w (source, value)
     cross join lateral (
       select ${STORED_COLUMNS} from activities
        where workspace_id = ${workspaceId} and external_source = w.source and external_id = w.value
          and external_id is not null
       offset 0) as a`.execute(trx)
        ).rows;
  const byImportKey =
    importKeys.length === 0
      ? []
      : (
          await sql<TStoredActivity>`
    select ${STORED_COLUMNS} from activities
     where workspace_id = ${workspaceId} and import_key = any(${[...new Set(importKeys)]}::text[])`.execute(
            trx,
          )
        ).rows;
  return [...byExternalId, ...byImportKey];
}

/** The activities among `ids` as stored (undo compares versions and restores them). */
export async function selectActivitiesForImport(
  trx: TTrx,
  workspaceId: string,
  ids: readonly string[],
): Promise<TStoredActivity[]> {
  if (ids.length === 0) return [];
  const result = await sql<TStoredActivity>`
    select ${STORED_COLUMNS} from activities
     where workspace_id = ${workspaceId} and id = any(${[...ids]}::uuid[])`.execute(trx);
  return result.rows;
}

/**
 * Writes new field values of existing activities (a re-import in fillEmpty/overwrite mode, or
 * undo restoring a before-image), bumps their version and moves their links' copy of the time.
 * Links themselves are kept. Returns each activity's new version.
 */
export async function updateImportedActivities(
  trx: TTrx,
  workspaceId: string,
  activities: readonly (TImportedActivityFields & { id: string })[],
  marker: string,
): Promise<Map<string, number>> {
  if (activities.length === 0) return new Map();
  const result = await sql<{ id: string; version: number }>`
    update activities a
       set type = x.type, channel = x.channel, direction = x.direction, occurred_at = x.occurred_at,
           duration_seconds = x.duration_seconds, outcome = x.outcome, subject = x.subject, body = x.body,
           version = a.version + 1, updated_at = now(), updated_by = ${marker}
      from json_to_recordset(${JSON.stringify(activities.map(toFieldRecord))}::json) as x(${sql.raw(FIELD_COLUMNS)})
     where a.workspace_id = ${workspaceId} and a.id = x.id
    returning a.id, a.version`.execute(trx);
  await sql`
    update activity_links l set occurred_at = a.occurred_at
      from activities a
     where l.workspace_id = ${workspaceId} and a.workspace_id = ${workspaceId}
       and l.activity_id = a.id and a.id = any(${activities.map((a) => a.id)}::uuid[])
       and l.occurred_at is distinct from a.occurred_at`.execute(trx);
  return new Map(result.rows.map((row) => [row.id, row.version]));
}

export async function insertImportedActivities(
  trx: TTrx,
  workspaceId: string,
  activities: readonly TImportedActivity[],
  creator: { marker: string; type: 'user' | 'apiKey' | 'system'; name: string },
): Promise<void> {
  if (activities.length === 0) return;
  const records = activities.map((a) => ({
    ...toFieldRecord(a),
    owner_id: a.ownerId,
    external_source: a.externalSource ?? null,
    external_id: a.externalId ?? null,
    import_key: a.importKey ?? null,
  }));
  await sql`
    insert into activities (workspace_id, id, type, channel, direction, occurred_at, duration_seconds, outcome, subject,
                            body, owner_id, external_source, external_id, import_key,
                            created_by, created_by_type, created_by_name, updated_by)
    select ${workspaceId}, x.id, x.type, x.channel, x.direction, x.occurred_at, x.duration_seconds, x.outcome, x.subject,
           x.body, x.owner_id, x.external_source, x.external_id, x.import_key,
           ${creator.marker}, ${creator.type}, ${creator.name}, ${creator.marker}
      from json_to_recordset(${JSON.stringify(records)}::json)
        as x(${sql.raw(FIELD_COLUMNS)}, owner_id uuid, external_source text, external_id text, import_key text)`.execute(
    trx,
  );
  const links = activities.flatMap((a) =>
    a.links.map((l) => ({ ...l, activityId: a.id, occurredAt: a.occurredAt })),
  );
  if (links.length === 0) return;
  await sql`
    insert into activity_links (workspace_id, activity_id, record_type, record_id, occurred_at)
    select ${workspaceId}, l.activity_id, l.record_type, l.record_id, l.occurred_at
      from unnest(${links.map((l) => l.activityId)}::uuid[], ${links.map((l) => l.recordType)}::text[],
                  ${links.map((l) => l.recordId)}::uuid[], ${links.map((l) => l.occurredAt)}::timestamptz[])
        as l(activity_id, record_type, record_id, occurred_at)
    on conflict do nothing`.execute(trx);
}

export async function selectImportedActivitiesChangedSince(
  trx: TTrx,
  workspaceId: string,
  marker: string,
  limit: number,
): Promise<string[]> {
  return selectRowsCreatedByMarkerChangedSince(trx, 'activities', workspaceId, marker, limit);
}

export async function deleteImportedActivities(
  trx: TTrx,
  workspaceId: string,
  marker: string,
): Promise<number> {
  return deleteRowsCreatedByMarker(trx, 'activities', workspaceId, marker);
}
