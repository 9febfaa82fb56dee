import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { keysetAfter } from '../../lib/pagination.ts';

const TIME_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';

export type TRecordHistoryEntry = {
  id: string;
  /** ISO 8601 UTC with microseconds: exact, for keyset pages and merging with other streams. */
  occurredAt: string;
  actorType: 'user' | 'apiKey' | 'system';
  actorId: string | null;
  actorName: string | null;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

/**
 * One record's audit entries, newest first by (occurred_at, id), older than `before`: the "field
 * changes" of a timeline. Read by anyone who may see the record, unlike the workspace-wide log.
 * Returns the query unrun, so the timeline can make it one part of its single statement.
 */
export function selectRecordHistory(
  trx: TTrx,
  workspaceId: string,
  record: { type: string; id: string },
  page: { before?: { at: string; id: string } | undefined; limit: number },
) {
  let query = trx
    .selectFrom('auditLog')
    .select(['id', 'actorType', 'actorId', 'actorName', 'action', 'before', 'after'])
    .select(sql<string>`to_char(occurred_at at time zone 'UTC', ${TIME_FORMAT})`.as('occurredAt'))
    .where('workspaceId', '=', workspaceId)
    .where('recordType', '=', record.type)
    .where('recordId', '=', record.id);
  if (page.before) {
    query = query.where(
      keysetAfter(
        sql`audit_log.occurred_at`,
        sql`audit_log.id`,
        page.before.at,
        'timestamptz',
        page.before.id,
        true,
      ),
    );
  }
  // The table's columns, not the text alias of the same name: the order the index gives.
  return query
    .orderBy(sql`audit_log.occurred_at`, 'desc')
    .orderBy(sql`audit_log.id`, 'desc')
    .limit(page.limit);
}

/** `selectRecordHistory`, run. */
export async function listRecordHistory(
  trx: TTrx,
  workspaceId: string,
  record: { type: string; id: string },
  page: { before?: { at: string; id: string } | undefined; limit: number },
): Promise<TRecordHistoryEntry[]> {
  return selectRecordHistory(trx, workspaceId, record, page).execute();
}
