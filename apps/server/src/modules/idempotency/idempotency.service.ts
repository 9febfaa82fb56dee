import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, type TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';

export type TIdempotencyScope = { actor: TActor; key: string; method: string; url: string; body: unknown };

const hashRequest = (scope: TIdempotencyScope) =>
  createHash('sha256')
    .update(`${scope.method} ${scope.url}\n${JSON.stringify(scope.body ?? null)}`)
    .digest('hex');

/**
 * Returns the stored reply for a repeated key. Same-key requests are serialised by a transaction
 * advisory lock, so a retry racing the original waits for it and then replays its reply.
 */
export async function replayIdempotent(
  trx: TTrx,
  scope: TIdempotencyScope,
): Promise<{ status: number; body: unknown } | null> {
  const who = actorId(scope.actor);
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${scope.actor.workspaceId}:${who}:${scope.key}`}, 0))`.execute(
    trx,
  );
  const found = await trx
    .selectFrom('idempotencyKeys')
    .select(['requestHash', 'statusCode', 'response'])
    .where('workspaceId', '=', scope.actor.workspaceId)
    .where('actorId', '=', who)
    .where('key', '=', scope.key)
    .executeTakeFirst();
  if (!found) return null;
  if (found.requestHash !== hashRequest(scope)) {
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used for a different request',
      [{ path: 'Idempotency-Key', message: 'Already used for a different request' }],
    );
  }
  return { status: found.statusCode, body: found.response ?? undefined };
}

export async function saveIdempotent(
  trx: TTrx,
  scope: TIdempotencyScope,
  status: number,
  body: unknown,
): Promise<void> {
  await trx
    .insertInto('idempotencyKeys')
    .values({
      workspaceId: scope.actor.workspaceId,
      actorId: actorId(scope.actor),
      key: scope.key,
      requestHash: hashRequest(scope),
      statusCode: status,
      response: body === undefined ? null : JSON.stringify(body),
    })
    .execute();
}

/** Keys are kept for a day, long enough for any client's retries. */
export async function deleteExpiredIdempotencyKeys(
  db: TTrx | import('../../db/pool.ts').TDb,
): Promise<number> {
  const result = await db
    .deleteFrom('idempotencyKeys')
    .where('createdAt', '<', sql<Date>`now() - interval '24 hours'`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
