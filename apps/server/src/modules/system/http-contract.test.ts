import { ZErrorResponse } from '@kap/shared';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorOf, signUp, type TSession, uniqueAddress } from '../../../../../test/helpers.ts';

const { app } = await createTestApp();
const small = await createTestApp({ bodyLimitBytes: 1000 });
const limited = await createTestApp({ rateLimitPerMinute: 5 });
const proxied = await createTestApp({ trustProxy: true });
// Nothing listens on port 1: every query fails, like a database that went away.
const broken = await createTestApp({ databaseUrl: 'postgres://kap@127.0.0.1:1/nothing' });

let owner: TSession;
beforeAll(async () => {
  owner = await signUp(app);
});

/** Error replies are the documented shape, JSON, with the request id and no internals. */
function expectCleanError(response: LightMyRequestResponse, status: number, code: string) {
  const error = errorOf(response, status);
  expect(error.code).toBe(code);
  expect(response.headers['content-type']).toContain('application/json');
  expect(ZErrorResponse.safeParse(response.json()).success).toBe(true);
  expect(error.requestId).toBe(response.headers['x-request-id']);
  expect(response.body).not.toMatch(/stack|\n\s+at |node_modules|\.ts:\d+/);
}

describe('health and docs', () => {
  it('GET /api/health answers 200 {"status":"ok"} and is never cached', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('{"status":"ok"}');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('GET /api/health answers 503 when the database does not', async () => {
    const response = await broken.app.inject({ method: 'GET', url: '/api/health' });
    expectCleanError(response, 503, 'SERVICE_UNAVAILABLE');
  });

  it('GET /api/docs serves the rendered docs with their assets', async () => {
    const page = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('swagger-ui-bundle.js');
    const bundle = await app.inject({ method: 'GET', url: '/api/docs/assets/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toContain('javascript');
    const init = await app.inject({ method: 'GET', url: '/api/docs/assets/swagger-docs-init.js' });
    expect(init.body).toContain('/api/openapi.json');
    expectCleanError(
      await app.inject({ method: 'GET', url: '/api/docs/assets/..%2Fpackage.json' }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('request ids', () => {
  it('every reply carries x-request-id: success, errors, not found, docs', async () => {
    const replies = await Promise.all([
      app.inject({ method: 'GET', url: '/api/health' }),
      app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: owner.cookie } }),
      app.inject({ method: 'GET', url: '/api/v1/me' }),
      app.inject({ method: 'GET', url: '/api/v1/nothing-here' }),
      app.inject({ method: 'GET', url: '/api/docs' }),
      app.inject({ method: 'GET', url: '/api/openapi.json' }),
    ]);
    const ids = replies.map((r) => r.headers['x-request-id']);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('echoes a well-formed incoming x-request-id (in the header and in errors), replaces a malformed one', async () => {
    const ok = await app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'lb-1234.abc_DEF' },
    });
    expect(ok.headers['x-request-id']).toBe('lb-1234.abc_DEF');
    const failed = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { 'x-request-id': 'trace-42' },
    });
    expect(failed.headers['x-request-id']).toBe('trace-42');
    expect(errorOf(failed, 401).requestId).toBe('trace-42');
    for (const bad of ['has spaces in it', 'x'.repeat(101), '<script>']) {
      const response = await app.inject({
        method: 'GET',
        url: '/api/health',
        headers: { 'x-request-id': bad },
      });
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('security headers', () => {
  it('sends helmet headers on API replies, without upgrade-insecure-requests over plain HTTP', async () => {
    for (const url of ['/api/health', '/api/v1/me', '/api/docs']) {
      const response = await app.inject({ method: 'GET', url });
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'self'");
      // It would turn every asset URL into https: a blank page for Kap on http://<lan address>.
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(response.headers['x-powered-by']).toBeUndefined();
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('sends HSTS behind a (TLS-terminating) proxy', async () => {
    const response = await proxied.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['strict-transport-security']).toContain('max-age=');
  });
});

describe('request bodies', () => {
  it('malformed JSON → 400 BAD_REQUEST', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { cookie: owner.cookie, 'content-type': 'application/json' },
      payload: '{"firstName": "unterminated',
    });
    expectCleanError(response, 400, 'BAD_REQUEST');
  });

  it('an empty JSON body → 400; a JSON body that is not an object → 400 VALIDATION_FAILED', async () => {
    const empty = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { cookie: owner.cookie, 'content-type': 'application/json' },
      payload: '',
    });
    expectCleanError(empty, 400, 'BAD_REQUEST');
    const array = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { cookie: owner.cookie },
      payload: [1, 2],
    });
    expectCleanError(array, 400, 'VALIDATION_FAILED');
  });

  it.each(['text/plain', 'application/xml', 'application/x-www-form-urlencoded'])(
    'content type %s → 415 UNSUPPORTED_MEDIA_TYPE',
    async (contentType) => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: { cookie: owner.cookie, 'content-type': contentType },
        payload: 'firstName=Ana',
      });
      expectCleanError(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
    },
  );

  it('a body over the limit → 413 PAYLOAD_TOO_LARGE, signed in or not', async () => {
    const smallOwner = await signUp(small.app);
    const big = { firstName: 'x'.repeat(2000) };
    const signedIn = await small.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { cookie: smallOwner.cookie },
      payload: big,
    });
    expectCleanError(signedIn, 413, 'PAYLOAD_TOO_LARGE');
    const anonymous = await small.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a@b.cd', password: 'x'.repeat(2000) },
    });
    expectCleanError(anonymous, 413, 'PAYLOAD_TOO_LARGE');
    const fits = await small.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { cookie: smallOwner.cookie },
      payload: { firstName: 'x'.repeat(100) },
    });
    expect(fits.statusCode).toBe(201);
  });
});

describe('routing and errors', () => {
  it.each([
    'GET /api/v1/nothing-here',
    'POST /api/v1/people/a/b',
    'DELETE /api/v1/people',
    'GET /api/whatever',
  ])('%s → 404 NOT_FOUND JSON', async (request) => {
    const [method, url] = request.split(' ') as ['GET' | 'POST' | 'DELETE', string];
    const response = await app.inject({ method, url, headers: { cookie: owner.cookie } });
    expectCleanError(response, 404, 'NOT_FOUND');
  });

  it('an unexpected failure is a 500 INTERNAL without details, message internals or stack', async () => {
    const response = await broken.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: 'kap_session=anything' },
    });
    expectCleanError(response, 500, 'INTERNAL');
    expect(response.json().error.details).toBeUndefined();
    expect(response.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/i);
  });

  it('errors of every kind keep the same shape', async () => {
    expectCleanError(await app.inject({ method: 'GET', url: '/api/v1/people' }), 401, 'UNAUTHENTICATED');
    expectCleanError(
      await app.inject({ method: 'GET', url: '/api/v1/people?limit=0', headers: { cookie: owner.cookie } }),
      400,
      'VALIDATION_FAILED',
    );
    const viewerKey = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: { cookie: owner.cookie },
      payload: { name: 'v', role: 'viewer' },
    });
    const forbidden = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { authorization: `Bearer ${viewerKey.json().key}` },
      payload: { firstName: 'No' },
    });
    expectCleanError(forbidden, 403, 'FORBIDDEN');
  });
});

describe('rate limiting', () => {
  it('the 6th request in a minute at 5/min → 429 RATE_LIMITED with Retry-After', async () => {
    const remoteAddress = uniqueAddress();
    for (let i = 0; i < 5; i++) {
      const response = await limited.app.inject({ method: 'GET', url: '/api/v1/auth/status', remoteAddress });
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-ratelimit-remaining']).toBe(String(4 - i));
    }
    const sixth = await limited.app.inject({ method: 'GET', url: '/api/v1/auth/status', remoteAddress });
    expectCleanError(sixth, 429, 'RATE_LIMITED');
    const retryAfter = Number(sixth.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // A made-up credential per request does not buy a fresh allowance.
    const dodge = await limited.app.inject({
      method: 'GET',
      url: '/api/v1/auth/status',
      remoteAddress,
      headers: { authorization: `Bearer kap_madeup${Math.random()}` },
    });
    expectCleanError(dodge, 429, 'RATE_LIMITED');
    // Another client is counted on its own; health checks are never limited.
    expect(
      (
        await limited.app.inject({
          method: 'GET',
          url: '/api/v1/auth/status',
          remoteAddress: uniqueAddress(),
        })
      ).statusCode,
    ).toBe(200);
    for (let i = 0; i < 3; i++) {
      expect(
        (await limited.app.inject({ method: 'GET', url: '/api/health', remoteAddress })).statusCode,
      ).toBe(200);
    }
  });
});
