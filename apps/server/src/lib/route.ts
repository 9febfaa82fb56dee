import type { TApiKeyScope } from '@kap/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { TDb } from '../db/pool.ts';
import { type TTrx, withIdentifiedWorkspace } from '../db/tenant.ts';
import type { TRequestIdentity } from '../modules/auth/index.ts';
import { replayIdempotent, saveIdempotent } from '../modules/idempotency/index.ts';
import { assertScopeAllows, type TActor } from './actor.ts';
import type { TConfig } from './config.ts';
import { AppError, validationError } from './errors.ts';

type THttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type TSchema = z.ZodType;
type TInfer<T> = T extends z.ZodType ? z.infer<T> : undefined;

type TRouteDoc<TBody, TQuery, TParams> = {
  method: THttpMethod;
  url: string;
  summary: string;
  tags: string[];
  body?: TBody;
  query?: TQuery;
  params?: TParams;
  /** Status of a successful reply and its body schema (none: 204). */
  status?: number;
  response?: TSchema;
  /** Extra statuses this route answers with besides the common 400/401/403/404/429. */
  errors?: number[];
  /** The API key scope that reaches this route (a scoped key gets 403 on routes without its scope). */
  apiKeyScope?: TApiKeyScope;
  /** A larger request body than the app's default (bulk ingestion). */
  bodyLimit?: number;
  /** The success status from the reply, when it depends on it (207 for a partly refused batch). */
  statusOf?: (body: unknown) => number;
  /**
   * A GET that only reads: its transaction is READ ONLY (a write fails) and the reply does not
   * wait for the COMMIT (see withIdentifiedWorkspace). For hot read paths (lists, detail pages).
   */
  isReadOnly?: boolean;
};

type TInput<TBody, TQuery, TParams> = {
  req: FastifyRequest;
  reply: FastifyReply;
  body: TInfer<TBody>;
  query: TInfer<TQuery>;
  params: TInfer<TParams>;
};

export type TRouteRecord = TRouteDoc<TSchema, TSchema, TSchema> & {
  isPublic: boolean;
  isIdempotent: boolean;
};

/** Everything routes need from the app, hung on the Fastify instance once. */
export type TKapContext = {
  db: TDb;
  config: TConfig;
  authenticate: (req: FastifyRequest) => Promise<TActor>;
  /** The request's credential as a select to run in its transaction (see identifyRequest). */
  identify: (req: FastifyRequest) => TRequestIdentity;
  routes: TRouteRecord[];
};

declare module 'fastify' {
  interface FastifyInstance {
    kap: TKapContext;
  }
}

/** The path of the first string (or key) holding U+0000, which PostgreSQL text cannot store. */
function findNulPath(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key];
    const found = findNulPath(item, [...path, key]);
    if (found) return found;
  }
  return null;
}

function parseInput<T extends TSchema | undefined>(
  schema: T | undefined,
  value: unknown,
  where: string,
): TInfer<T> {
  if (!schema) return undefined as TInfer<T>;
  // Refused here with its path, instead of as a database error (500) later.
  const nulPath = findNulPath(value);
  if (nulPath) {
    const path = [where === 'body' ? undefined : where, ...nulPath].filter(Boolean).join('.');
    throw new AppError(
      'VALIDATION_FAILED',
      `Invalid ${path || 'request'}: must not contain the NUL character`,
      [{ path, message: 'Must not contain the NUL character' }],
    );
  }
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!result.success) throw validationError(result.error.issues, where === 'body' ? undefined : where);
  return result.data as TInfer<T>;
}

/** The request, validated against the route's schemas. */
function parseRequest<
  TBody extends TSchema | undefined,
  TQuery extends TSchema | undefined,
  TParams extends TSchema | undefined,
>(
  spec: TRouteDoc<TBody, TQuery, TParams>,
  req: FastifyRequest,
  reply: FastifyReply,
): TInput<TBody, TQuery, TParams> {
  return {
    req,
    reply,
    body: parseInput(spec.body, req.body, 'body'),
    query: parseInput(spec.query, req.query, 'query'),
    params: parseInput(spec.params, req.params, 'params'),
  };
}

function send(reply: FastifyReply, status: number, result: unknown) {
  if (result === undefined) return reply.status(204).send();
  return reply.status(status).send(result);
}

/** A route anyone may call (health, sign-up, login...). It gets the system database. */
export function addPublicRoute<
  TBody extends TSchema | undefined = undefined,
  TQuery extends TSchema | undefined = undefined,
  TParams extends TSchema | undefined = undefined,
>(
  app: FastifyInstance,
  spec: TRouteDoc<TBody, TQuery, TParams> & {
    handler: (input: TInput<TBody, TQuery, TParams> & { db: TDb }) => Promise<unknown>;
  },
): void {
  app.kap.routes.push({ ...spec, isPublic: true, isIdempotent: false } as TRouteRecord);
  app.route({
    method: spec.method,
    url: spec.url,
    handler: async (req, reply) => {
      const input = { ...parseRequest(spec, req, reply), db: app.kap.db };
      return send(reply, spec.status ?? 200, await spec.handler(input));
    },
  });
}

/**
 * An authenticated route. The handler runs inside one transaction scoped to the actor's
 * workspace (row-level security on), so a failure anywhere leaves nothing half-written.
 * POSTs honour `Idempotency-Key`: a retry with the same key and body replays the first reply.
 */
export function addRoute<
  TBody extends TSchema | undefined = undefined,
  TQuery extends TSchema | undefined = undefined,
  TParams extends TSchema | undefined = undefined,
>(
  app: FastifyInstance,
  spec: TRouteDoc<TBody, TQuery, TParams> & {
    handler: (input: TInput<TBody, TQuery, TParams> & { trx: TTrx; actor: TActor }) => Promise<unknown>;
  },
): void {
  const isIdempotent = spec.method === 'POST';
  app.kap.routes.push({ ...spec, isPublic: false, isIdempotent } as TRouteRecord);
  app.route({
    method: spec.method,
    url: spec.url,
    ...(spec.bodyLimit && { bodyLimit: spec.bodyLimit }),
    handler: async (req, reply) => {
      // The credential is read in the same round trip as BEGIN and the workspace settings.
      const identity = app.kap.identify(req);
      const statusOf = (body: unknown) => spec.statusOf?.(body) ?? spec.status ?? 200;
      const work = async (trx: TTrx, actor: TActor) => {
        assertScopeAllows(actor, spec.apiKeyScope);
        const input = { ...parseRequest(spec, req, reply), actor };
        const idempotencyKey = isIdempotent ? readIdempotencyKey(req) : null;
        if (!idempotencyKey) {
          const body = await spec.handler({ ...input, trx });
          return { status: statusOf(body), body };
        }
        const scope = { actor, key: idempotencyKey, method: spec.method, url: req.url, body: req.body };
        const replay = await replayIdempotent(trx, scope);
        if (replay) {
          reply.header('Idempotent-Replayed', 'true');
          return replay;
        }
        const body = await spec.handler({ ...input, trx });
        const effective = body === undefined ? 204 : statusOf(body);
        await saveIdempotent(trx, scope, effective, body);
        return { status: effective, body };
      };
      try {
        const outcome = await withIdentifiedWorkspace(app.kap.db, identity.select, identity.toActor, work, {
          isReadOnly: spec.isReadOnly === true && spec.method === 'GET',
        });
        return send(reply, outcome.status, outcome.body);
      } finally {
        await identity.settle(app.kap.db);
      }
    },
  });
}

/**
 * An authenticated route about the signed-in account itself (`/me`: profile, workspace switch).
 * It reads across the user's workspaces, so it uses the system database and opens no workspace
 * transaction: calling `db` from inside `addRoute`'s transaction would hold two pool connections
 * per request, and a burst of such requests would deadlock the pool.
 */
export function addAccountRoute<
  TBody extends TSchema | undefined = undefined,
  TQuery extends TSchema | undefined = undefined,
  TParams extends TSchema | undefined = undefined,
>(
  app: FastifyInstance,
  spec: TRouteDoc<TBody, TQuery, TParams> & {
    handler: (input: TInput<TBody, TQuery, TParams> & { db: TDb; actor: TActor }) => Promise<unknown>;
  },
): void {
  app.kap.routes.push({ ...spec, isPublic: false, isIdempotent: false } as TRouteRecord);
  app.route({
    method: spec.method,
    url: spec.url,
    handler: async (req, reply) => {
      const actor = await app.kap.authenticate(req);
      assertScopeAllows(actor, spec.apiKeyScope);
      const input = { ...parseRequest(spec, req, reply), actor, db: app.kap.db };
      return send(reply, spec.status ?? 200, await spec.handler(input));
    },
  });
}

function readIdempotencyKey(req: FastifyRequest): string | null {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) return null;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key || key.length > 200) {
    throw new AppError('VALIDATION_FAILED', 'Idempotency-Key must be 1 to 200 characters', [
      { path: 'Idempotency-Key', message: 'Must be 1 to 200 characters' },
    ]);
  }
  return key;
}
