import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { ERROR_STATUS, type TErrorBody } from '@kap/shared';
import Fastify, { type FastifyError, type FastifyInstance, LogController } from 'fastify';
import type { TDb } from './db/pool.ts';
import type { TConfig } from './lib/config.ts';
import { AppError } from './lib/errors.ts';
import { registerActivityRoutes } from './modules/activities/index.ts';
import { registerApiKeyRoutes } from './modules/api-keys/index.ts';
import { registerAuditRoutes } from './modules/audit/index.ts';
import { authenticate, identifyRequest, registerAuthRoutes } from './modules/auth/index.ts';
import {
  registerCompaniesBulkRoutes,
  registerCompaniesCountRoutes,
  registerCompanyRoutes,
} from './modules/companies/index.ts';
import { registerCurrencyRoutes } from './modules/currencies/index.ts';
import { registerCustomFieldRoutes } from './modules/custom-fields/index.ts';
import { registerDealsRoutes } from './modules/deals/index.ts';
import { registerEventRoutes } from './modules/events/index.ts';
import { registerExportRoutes } from './modules/exports/index.ts';
import { registerImportMappingPresetRoutes, registerImportRoutes } from './modules/imports/index.ts';
import { registerMailRoutes } from './modules/mail/index.ts';
import { registerNotificationRoutes } from './modules/notifications/index.ts';
import { registerOrderRoutes } from './modules/orders/index.ts';
import {
  registerPeopleBulkRoutes,
  registerPeopleCountRoutes,
  registerPeopleRoutes,
  registerPeopleSettingsRoutes,
} from './modules/people/index.ts';
import { registerProductRoutes } from './modules/products/index.ts';
import { registerSearchRoutes } from './modules/search/index.ts';
import { registerSystemRoutes } from './modules/system/index.ts';
import { registerTaskRoutes } from './modules/tasks/index.ts';
import { registerTimelineRoutes } from './modules/timeline/index.ts';
import { registerViewRoutes } from './modules/views/index.ts';
import { registerTeamRoutes, registerWorkspaceRoutes } from './modules/workspaces/index.ts';

export type TAppDeps = { config: TConfig; db: TDb };

/** Builds the HTTP app from its modules. `main` and the tests both use it. */
export async function buildApp({ config, db }: TAppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // One line per request is noise on a laptop; LOG_LEVEL=debug brings it back.
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.decorate('kap', {
    db,
    config,
    routes: [],
    authenticate: (req) => authenticate(db, req, config.sessionTtlMs),
    identify: (req) => identifyRequest(db, req, config.sessionTtlMs),
  });
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        // Helmet's default would make browsers fetch every asset over https, which breaks a Kap
        // served over plain HTTP on a LAN address (a blank page); HTTPS installs get HSTS instead.
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.trustProxy,
  });
  // JSON only (multipart where a route asks for it): other bodies get 415, not a confusing 400.
  app.removeContentTypeParser('text/plain');
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    // By client address: keying on a credential before it is verified would let a client dodge the
    // limit by sending a new made-up key with every request.
    keyGenerator: (req) => req.ip,
    allowList: (req) => req.url === '/api/health',
    errorResponseBuilder: (_req, context) =>
      new AppError(
        'RATE_LIMITED',
        `Rate limit of ${context.max} requests a minute exceeded; retry in ${Math.ceil(context.ttl / 1000)} s`,
      ),
  });

  app.setErrorHandler((error: FastifyError | AppError, req, reply) => {
    const body = toErrorBody(error, req.id);
    const status = ERROR_STATUS[body.error.code];
    if (status >= 500) req.log.error({ err: error }, 'Request failed');
    if (error instanceof AppError && error.headers) reply.headers(error.headers);
    if (body.error.code === 'RATE_LIMITED' && !reply.getHeader('retry-after')) {
      reply.header('retry-after', reply.getHeader('x-ratelimit-reset') ?? '60');
    }
    return reply.status(status).send(body);
  });

  registerSystemRoutes(app);
  registerAuthRoutes(app);
  registerWorkspaceRoutes(app);
  registerTeamRoutes(app);
  registerApiKeyRoutes(app);
  registerAuditRoutes(app);
  registerMailRoutes(app);
  registerPeopleBulkRoutes(app);
  registerPeopleCountRoutes(app);
  registerPeopleRoutes(app);
  registerPeopleSettingsRoutes(app);
  registerCompaniesBulkRoutes(app);
  registerCompaniesCountRoutes(app);
  registerCompanyRoutes(app);
  registerCustomFieldRoutes(app);
  registerViewRoutes(app);

  registerActivityRoutes(app);
  registerTaskRoutes(app);
  registerNotificationRoutes(app);
  registerEventRoutes(app);
  registerTimelineRoutes(app);
  registerSearchRoutes(app);
  await registerImportRoutes(app);
  registerImportMappingPresetRoutes(app);
  registerCurrencyRoutes(app);
  registerProductRoutes(app);
  registerOrderRoutes(app);
  registerDealsRoutes(app);
  registerExportRoutes(app);

  await registerWebApp(app, config);
  return app;
}

/** Known errors keep their code; Fastify's own become ours; anything else is INTERNAL, no details. */
/** PostgreSQL's SQLSTATEs for a transaction that lost to a concurrent one: deadlock, serialization, lock not available. */
const CONCURRENT_WRITE_CODES = new Set(['40P01', '40001', '55P03']);

export function toErrorBody(error: FastifyError | AppError, requestId: string): TErrorBody {
  if (error instanceof AppError) {
    return {
      error: {
        code: error.code,
        message: error.message,
        ...(error.details && { details: error.details }),
        requestId,
      },
    };
  }
  const fastifyCodes: Record<string, TErrorBody['error']['code']> = {
    FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
    FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  };
  const mapped = error.code ? fastifyCodes[error.code] : undefined;
  if (mapped) return { error: { code: mapped, message: error.message, requestId } };
  // Two writers met in PostgreSQL (a deadlock, a serialization failure, a lock wait refused): the
  // transaction was rolled back whole, nothing was written, and the same request may simply be sent again.
  if (error.code && CONCURRENT_WRITE_CODES.has(error.code)) {
    const message =
      'Another change to the same records happened at the same moment; nothing was saved, try again';
    return { error: { code: 'CONFLICT', message, requestId } };
  }
  const byStatus: Record<number, TErrorBody['error']['code']> = {
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
    429: 'RATE_LIMITED',
  };
  const code = error.statusCode ? byStatus[error.statusCode] : undefined;
  if (code) return { error: { code, message: error.message, requestId } };
  if (error.statusCode === 400 && error.message) {
    return { error: { code: 'BAD_REQUEST', message: error.message, requestId } };
  }
  return {
    error: { code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged', requestId },
  };
}

async function registerWebApp(app: FastifyInstance, config: TConfig): Promise<void> {
  const distDir = config.webDistDir ?? join(import.meta.dirname, '../../web/dist');
  const hasWeb = existsSync(join(distDir, 'index.html'));
  // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
  if (hasWeb) {
    await app.register(fastifyStatic, { root: distDir, wildcard: true, index: false });
    app.get('/', (_req, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
  }
  app.setNotFoundHandler((req, reply) => {
    const isMissingFile = req.url.startsWith('/api') || req.url.startsWith('/assets/');
    if (isMissingFile || !hasWeb || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return reply.status(404).send({
        error: {
          code: 'NOT_FOUND',
          message: `No route ${req.method} ${req.url.split('?')[0]}`,
          requestId: req.id,
        },
      });
    }
    // The single-page app routes everything else itself.
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
