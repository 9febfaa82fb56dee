import { getRecordScope } from '@kap/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Compilable, sql } from 'kysely';
import type { TDb } from '../../db/pool.ts';
import type { TActor } from '../../lib/actor.ts';
import { hashToken } from '../../lib/crypto.ts';
import { AppError } from '../../lib/errors.ts';
import { isApiKey, selectActiveApiKey, type TActiveApiKey, touchApiKey } from '../api-keys/index.ts';
import {
  isSessionExpired,
  selectSessionAccess,
  settleSession,
  type TSessionAccess,
} from './sessions.service.ts';

export const SESSION_COOKIE = 'kap_session';

const unauthenticated = () => new AppError('UNAUTHENTICATED', 'Sign in or send an API key');

/**
 * Who a request is, as a select and what to make of its row. The select is parameterless (the
 * credential's hash travels as a hex literal), so that an authenticated route sends it in the same
 * round trip as its BEGIN and the workspace settings (`withIdentifiedWorkspace`); its row carries
 * the workspace as `workspace_id`. `toActor` refuses a missing, expired or revoked credential (401);
 * `settle` does the credential's bookkeeping (expiry, last use) afterwards, on the system database.
 */
export type TRequestIdentity = {
  select: Compilable<object>;
  toActor: (row: object | undefined) => TActor;
  settle: (db: TDb) => Promise<void>;
};

export function identifyRequest(db: TDb, req: FastifyRequest, sessionTtlMs: number): TRequestIdentity {
  const header = req.headers.authorization;
  if (header) {
    const [scheme, key] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !key) throw unauthenticated();
    let found: TActiveApiKey | undefined;
    return {
      select: selectActiveApiKey(db, sql.lit(hashToken(key))),
      toActor: (row) => {
        found = isApiKey(key) ? (row as TActiveApiKey | undefined) : undefined;
        if (!found) throw new AppError('UNAUTHENTICATED', 'Unknown or revoked API key');
        return apiKeyActor(found, req);
      },
      settle: async (system) => {
        if (found) await touchApiKey(system, found);
      },
    };
  }
  const token = req.cookies[SESSION_COOKIE];
  if (!token) throw unauthenticated();
  let found: TSessionAccess | undefined;
  return {
    select: selectSessionAccess(db, sql.lit(hashToken(token))),
    toActor: (row) => {
      found = row as TSessionAccess | undefined;
      if (!found || isSessionExpired(found))
        throw new AppError('UNAUTHENTICATED', 'Your session has expired; sign in again');
      return sessionActor(found, req);
    },
    settle: async (system) => {
      if (found) await settleSession(system, found, sessionTtlMs);
    },
  };
}

/** `Authorization: Bearer <api key>` or the session cookie, read on its own (routes outside a workspace transaction). */
export async function authenticate(db: TDb, req: FastifyRequest, sessionTtlMs: number): Promise<TActor> {
  const identity = identifyRequest(db, req, sessionTtlMs);
  const { rows } = await db.executeQuery(identity.select);
  try {
    return identity.toActor(rows[0]);
  } finally {
    await identity.settle(db);
  }
}

function apiKeyActor(apiKey: TActiveApiKey, req: FastifyRequest): TActor {
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

function sessionActor(session: TSessionAccess, req: FastifyRequest): TActor {
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
