import { getRecordScope } from '@kap/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TDb } from '../../db/pool.ts';
import type { TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { findActiveApiKey } from '../api-keys/index.ts';
import { findSession } from './sessions.service.ts';

export const SESSION_COOKIE = 'kap_session';

const unauthenticated = () => new AppError('UNAUTHENTICATED', 'Sign in or send an API key');

/** `Authorization: Bearer <api key>` or the session cookie; the role comes from the membership. */
export async function authenticate(db: TDb, req: FastifyRequest, sessionTtlMs: number): Promise<TActor> {
  const header = req.headers.authorization;
  if (header) {
    const [scheme, key] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !key) throw unauthenticated();
    const apiKey = await findActiveApiKey(db, key);
    if (!apiKey) throw new AppError('UNAUTHENTICATED', 'Unknown or revoked API key');
    return withTeam(
      {
        type: 'apiKey',
        userId: apiKey.createdBy,
        apiKeyId: apiKey.id,
        name: apiKey.name,
        workspaceId: apiKey.workspaceId,
        role: apiKey.role,
        requestId: req.id,
        ...(apiKey.scopes && apiKey.scopes.length > 0 && { scopes: apiKey.scopes }),
      },
      apiKey.teammateIds,
    );
  }
  const token = req.cookies[SESSION_COOKIE];
  if (!token) throw unauthenticated();
  const session = await findSession(db, token, sessionTtlMs);
  if (!session) throw new AppError('UNAUTHENTICATED', 'Your session has expired; sign in again');
  if (!session.role) throw new AppError('UNAUTHENTICATED', 'You are no longer a member of this workspace');
  return withTeam(
    {
      type: 'user',
      userId: session.userId,
      apiKeyId: null,
      name: session.name,
      workspaceId: session.workspaceId,
      role: session.role,
      requestId: req.id,
    },
    session.teammateIds,
  );
}

/** A "team"-scope role sees the records of its user and their teammates (read with the credential). */
function withTeam(actor: TActor, teammateIds: readonly string[] | null): TActor {
  if (getRecordScope(actor.role) !== 'team' || !actor.userId) return actor;
  return { ...actor, teammateIds: [...new Set([actor.userId, ...(teammateIds ?? [])])] };
}

export function setSessionCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
  ttlMs: number,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    path: '/',
    maxAge: Math.floor(ttlMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
