import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CAPABILITIES, OBJECT_TYPES, ROLE_RULES, ROLES } from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../lib/errors.ts';
import { addPublicRoute, addRoute } from '../../lib/route.ts';
import { buildOpenApiDocument } from './openapi.ts';

const VERSION = '0.1.0';

const ZRoleRules = z.object({
  role: z.enum(ROLES),
  access: z.record(z.enum(OBJECT_TYPES), z.enum(['none', 'read', 'write'])),
  scope: z.enum(['own', 'all']),
  capabilities: z.array(z.enum(CAPABILITIES)),
});

export function registerSystemRoutes(app: FastifyInstance): void {
  // A documented route like the others: load balancers and monitors read the contract too.
  addPublicRoute(app, {
    method: 'GET',
    url: '/api/health',
    summary: 'Whether the server and its database answer',
    tags: ['System'],
    response: z.object({ status: z.literal('ok') }),
    errors: [503],
    handler: async ({ reply }) => {
      reply.header('cache-control', 'no-store');
      try {
        await sql`select 1`.execute(app.kap.db);
      } catch {
        throw new AppError('SERVICE_UNAVAILABLE', 'The database does not answer');
      }
      return { status: 'ok' as const };
    },
  });

  let document: unknown = null;
  app.get('/api/openapi.json', async () => {
    document ??= buildOpenApiDocument(app.kap.routes, VERSION);
    return document;
  });

  const swaggerDir = createRequire(import.meta.url)
    .resolve('swagger-ui-dist/package.json')
    .replace(/package\.json$/, '');
  const swaggerFiles: Record<string, string> = {
    'swagger-ui.css': 'text/css',
    'swagger-ui-bundle.js': 'application/javascript',
    'swagger-ui-standalone-preset.js': 'application/javascript',
  };
  app.get('/api/docs', async (_req, reply) => reply.type('text/html').send(DOCS_PAGE));
  app.get<{ Params: { file: string } }>('/api/docs/assets/:file', async (req, reply) => {
    if (req.params.file === 'swagger-docs-init.js')
      return reply.type('application/javascript').send(DOCS_INIT);
    const type = swaggerFiles[req.params.file];
    if (!type) throw new AppError('NOT_FOUND', 'No such file');
    return reply
      .type(type)
      .header('cache-control', 'public, max-age=86400')
      .send(readFileSync(join(swaggerDir, req.params.file)));
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/v1/roles',
    summary: 'The roles and what each may do',
    tags: ['Members'],
    response: z.object({ data: z.array(ZRoleRules) }),
    handler: async () => ({
      data: ROLES.map((role) => ({
        role,
        access: ROLE_RULES[role].access,
        scope: ROLE_RULES[role].scope,
        capabilities: [...ROLE_RULES[role].capabilities],
      })),
    }),
  });
}

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kap API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="docs"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/swagger-docs-init.js"></script>
</body></html>`;

const DOCS_INIT =
  "window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#docs', deepLinking: true });";
