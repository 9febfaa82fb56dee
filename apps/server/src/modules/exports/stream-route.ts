import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { type TTrx, withWorkspace } from '../../db/tenant.ts';
import { assertScopeAllows, type TActor } from '../../lib/actor.ts';
import { validationError } from '../../lib/errors.ts';
import type { TRouteRecord } from '../../lib/route.ts';

type TSchema = z.ZodType;
type TInfer<T> = T extends z.ZodType ? z.infer<T> : undefined;

/** A file to stream: its headers, and the work that writes it (inside the request's transaction). */
export type TStreamedFile = {
  headers: Record<string, string>;
  write: (out: PassThrough) => Promise<void>;
};

type TStreamRouteSpec<TBody, TQuery, TParams> = {
  method: 'GET' | 'POST';
  url: string;
  summary: string;
  tags: string[];
  body?: TBody;
  query?: TQuery;
  params?: TParams;
  prepare: (input: {
    trx: TTrx;
    actor: TActor;
    req: FastifyRequest;
    body: TInfer<TBody>;
    query: TInfer<TQuery>;
    params: TInfer<TParams>;
  }) => Promise<TStreamedFile>;
};

function parse<T extends TSchema | undefined>(
  schema: T | undefined,
  value: unknown,
  where: string,
): TInfer<T> {
  if (!schema) return undefined as TInfer<T>;
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!result.success) throw validationError(result.error.issues, where === 'body' ? undefined : where);
  return result.data as TInfer<T>;
}

/** `attachment` with an ASCII fallback name and the exact one (RFC 6266 / 5987). */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\w.-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * An authenticated route whose reply is a file of any size, streamed while its workspace
 * transaction (role kap_app, row-level security) stays open: `prepare` checks the request and
 * may fail with an ordinary error reply; once it has answered, the headers go out and `write`
 * streams the body, reading the database as the client reads the reply (backpressure). A failure
 * after that cuts the reply short (the client sees an incomplete transfer), and the transaction
 * rolls back. Not idempotent-replayed: a file is not stored to replay.
 */
export function addStreamingRoute<
  TBody extends TSchema | undefined = undefined,
  TQuery extends TSchema | undefined = undefined,
  TParams extends TSchema | undefined = undefined,
>(app: FastifyInstance, spec: TStreamRouteSpec<TBody, TQuery, TParams>): void {
  const { prepare: _prepare, ...doc } = spec;
  app.kap.routes.push({ ...doc, isPublic: false, isIdempotent: false } as TRouteRecord);
  app.route({
    method: spec.method,
    url: spec.url,
    handler: async (req, reply) => {
      const actor = await app.kap.authenticate(req);
      // An API key limited to some scopes (events ingestion…) reaches no export.
      assertScopeAllows(actor, undefined);
      const input = {
        req,
        actor,
        body: parse(spec.body, req.body, 'body'),
        query: parse(spec.query, req.query, 'query'),
        params: parse(spec.params, req.params, 'params'),
      };
      // `out` is what the file is written to; `body` is the reply. The reply ends only after the
      // transaction has committed, so a complete file always means a committed audit entry.
      const out = new PassThrough();
      const body = new PassThrough();
      out.pipe(body, { end: false });
      body.on('close', () => out.destroy());
      const headers = await new Promise<Record<string, string>>((resolve, reject) => {
        let isStreaming = false;
        withWorkspace(app.kap.db, actor.workspaceId, async (trx) => {
          const file = await spec.prepare({ ...input, trx });
          isStreaming = true;
          resolve(file.headers);
          await file.write(out);
        }).then(
          async () => {
            if (!out.writableEnded) out.end();
            if (!out.readableEnded) await once(out, 'end');
            body.end();
          },
          (error: unknown) => {
            if (!isStreaming) return reject(error);
            if (!body.destroyed) req.log.error({ err: error }, 'Streamed reply failed');
            out.destroy();
            body.destroy(error instanceof Error ? error : new Error(String(error)));
          },
        );
      });
      reply.headers({ 'cache-control': 'no-store', ...headers });
      return reply.send(body);
    },
  });
}
