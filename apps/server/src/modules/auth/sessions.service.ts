import { type RawBuilder, sql } from 'kysely';
import type { TDb } from '../../db/pool.ts';
import { hashToken, newToken } from '../../lib/crypto.ts';
import { selectMemberAccess } from '../workspaces/index.ts';

/** Sliding sessions: each use pushes expiry out, at most once a minute to spare writes. */
const TOUCH_INTERVAL_MS = 60_000;

export async function createSession(
  db: TDb,
  input: { userId: string; workspaceId: string; ttlMs: number; ip: string | null; userAgent: string | null },
): Promise<string> {
  const token = newToken();
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      userId: input.userId,
      workspaceId: input.workspaceId,
      expiresAt: new Date(Date.now() + input.ttlMs),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return token;
}

/**
 * The session with its user's name and, in the same round trip, the role in its workspace and the
 * teammates. `id` is the token's hash: a parameter, or a literal when the select must be
 * parameterless (it then runs in the same round trip as the request's BEGIN, see db/tenant.ts).
 */
export function selectSessionAccess(db: TDb, id: string | RawBuilder<string>) {
  const access = selectMemberAccess(sql.ref('s.workspace_id'), sql.ref('s.user_id'));
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .select(['s.id', 's.userId', 's.workspaceId', 's.lastSeenAt', 's.expiresAt', 'u.name'])
    .select([access.role.as('role'), access.teammateIds.as('teammateIds')])
    .where('s.id', '=', id);
}

export type TSessionAccess = NonNullable<
  Awaited<ReturnType<ReturnType<typeof selectSessionAccess>['executeTakeFirst']>>
>;

export const isSessionExpired = (session: TSessionAccess) => session.expiresAt.getTime() <= Date.now();

/** After a session was read: an expired one is deleted; a used one's expiry moves out, at most once a minute. */
export async function settleSession(db: TDb, session: TSessionAccess, ttlMs: number): Promise<void> {
  if (isSessionExpired(session)) {
    await db.deleteFrom('sessions').where('id', '=', session.id).execute();
  } else if (Date.now() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db
      .updateTable('sessions')
      .set({ lastSeenAt: new Date(), expiresAt: new Date(Date.now() + ttlMs) })
      .where('id', '=', session.id)
      .execute();
  }
}

export async function setSessionWorkspace(db: TDb, token: string, workspaceId: string): Promise<void> {
  await db.updateTable('sessions').set({ workspaceId }).where('id', '=', hashToken(token)).execute();
}

export async function deleteSession(db: TDb, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
}

export async function deleteExpiredSessions(db: TDb): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expiresAt', '<', new Date()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
