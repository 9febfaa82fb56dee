import type { TListNotificationsQuery, TNotification } from '@kap/shared';
import type { Selectable } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import { notFound } from '../../lib/errors.ts';
import { isUuid, newId } from '../../lib/ids.ts';
import { decodeCursor, encodeCursor } from '../../lib/pagination.ts';
import type { TNotificationsTable } from './notifications.table.ts';

export type TNewNotification = {
  workspaceId: string;
  userId: string;
  kind: string;
  title: string;
  recordType?: string | null;
  recordId?: string | null;
  data?: Record<string, unknown>;
  /** One notification per key and workspace: a repeat is silently skipped. */
  dedupeKey: string;
};

const COLUMNS = [
  'id',
  'kind',
  'title',
  'recordType',
  'recordId',
  'data',
  'createdAt',
  'readAt',
  'isRead',
] as const;
type TNotificationRow = Pick<Selectable<TNotificationsTable>, (typeof COLUMNS)[number]>;

function toNotification(row: TNotificationRow): TNotification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    recordType: row.recordType,
    recordId: row.recordId,
    data: row.data,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** Written in the caller's transaction (a job's, across workspaces); returns how many were new. */
export async function createNotifications(
  trx: TTrx,
  notifications: readonly TNewNotification[],
): Promise<number> {
  if (notifications.length === 0) return 0;
  const result = await trx
    .insertInto('notifications')
    .values(
      notifications.map((n) => ({
        workspaceId: n.workspaceId,
        id: newId(),
        userId: n.userId,
        kind: n.kind,
        title: n.title,
        recordType: n.recordType ?? null,
        recordId: n.recordId ?? null,
        data: JSON.stringify(n.data ?? {}),
        dedupeKey: n.dedupeKey,
      })),
    )
    .onConflict((oc) => oc.columns(['workspaceId', 'dedupeKey']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/**
 * The actor's notifications, unread first, newest first within each (ids are time-ordered).
 * The cursor is (read?, id); reads run as two index ranges instead of one OR, so each stays an
 * index scan under row-level security. An API key reads its creator's notifications.
 */
export async function listNotifications(trx: TTrx, actor: TActor, query: TListNotificationsQuery) {
  const userId = actor.userId;
  if (!userId) return { data: [], nextCursor: null };
  const cursor = query.cursor
    ? decodeCursor(query.cursor, 2, ([r, i]) => (r === 0 || r === 1) && typeof i === 'string' && isUuid(i))
    : undefined;
  const isInReadPart = cursor?.[0] === 1;
  const lastId = cursor ? String(cursor[1]) : undefined;
  const selectPart = (isRead: boolean, afterId: string | undefined, count: number) => {
    let select = trx
      .selectFrom('notifications')
      .select(COLUMNS)
      .where('workspaceId', '=', actor.workspaceId)
      .where('userId', '=', userId)
      .where('isRead', '=', isRead);
    if (afterId) select = select.where('id', '<', afterId);
    return select.orderBy('id', 'desc').limit(count).execute();
  };
  const wanted = query.limit + 1;
  const rows = isInReadPart ? [] : await selectPart(false, lastId, wanted);
  if (rows.length < wanted && !query.isUnreadOnly) {
    rows.push(...(await selectPart(true, isInReadPart ? lastId : undefined, wanted - rows.length)));
  }
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map(toNotification),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.isRead ? 1 : 0, last.id]) : null,
  };
}

export async function markNotificationRead(trx: TTrx, actor: TActor, id: string): Promise<TNotification> {
  const userId = actor.userId;
  if (!userId || !isUuid(id)) throw notFound('Notification');
  const row = await trx
    .updateTable('notifications')
    .set((eb) => ({ readAt: eb.fn.coalesce('readAt', eb.val(new Date())) }))
    .where('workspaceId', '=', actor.workspaceId)
    .where('userId', '=', userId)
    .where('id', '=', id.toLowerCase())
    .returning(COLUMNS)
    .executeTakeFirst();
  if (!row) throw notFound('Notification');
  return toNotification(row);
}
