import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { sanitizeActivityBody } from './activity-body.sanitizer.ts';

/** Bulk writes of activities for imports: one insert of the activities and one of their links per batch. */

export type TImportedActivity = {
  id: string;
  type: string;
  channel: string;
  direction: string | null;
  occurredAt: string;
  durationSeconds: number | null;
  outcome: string | null;
  subject: string | null;
  body: string | null;
  ownerId: string | null;
  links: { recordType: 'person' | 'company'; recordId: string }[];
};

export async function insertImportedActivities(
  trx: TTrx,
  workspaceId: string,
  activities: readonly TImportedActivity[],
  creator: { marker: string; type: 'user' | 'apiKey' | 'system'; name: string },
): Promise<void> {
  if (activities.length === 0) return;
  const records = activities.map((a) => ({
    id: a.id,
    type: a.type,
    channel: a.channel,
    direction: a.direction,
    occurred_at: a.occurredAt,
    duration_seconds: a.durationSeconds,
    outcome: a.outcome,
    subject: a.subject,
    body: sanitizeActivityBody(a.body),
    owner_id: a.ownerId,
  }));
  await sql`
    insert into activities (workspace_id, id, type, channel, direction, occurred_at, duration_seconds, outcome, subject,
                            body, owner_id, created_by, created_by_type, created_by_name, updated_by)
    select ${workspaceId}, x.id, x.type, x.channel, x.direction, x.occurred_at, x.duration_seconds, x.outcome, x.subject,
           x.body, x.owner_id, ${creator.marker}, ${creator.type}, ${creator.name}, ${creator.marker}
      from json_to_recordset(${JSON.stringify(records)}::json)
        as x(id uuid, type text, channel text, direction text, occurred_at timestamptz, duration_seconds integer,
             outcome text, subject text, body text, owner_id uuid)`.execute(trx);
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
  const result = await sql<{ id: string }>`
    select id from activities
     where workspace_id = ${workspaceId} and created_by = ${marker} and updated_by is distinct from ${marker}
     limit ${limit}`.execute(trx);
  return result.rows.map((row) => row.id);
}

export async function deleteImportedActivities(
  trx: TTrx,
  workspaceId: string,
  marker: string,
): Promise<number> {
  const result =
    await sql`delete from activities where workspace_id = ${workspaceId} and created_by = ${marker}`.execute(
      trx,
    );
  return Number(result.numAffectedRows ?? 0);
}
