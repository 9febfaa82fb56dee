import { Validator } from '@seriousme/openapi-schema-validator';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../../test/helpers.ts';

const { app } = await createTestApp();

type TOperation = {
  operationId: string;
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
};
type TDocument = {
  openapi: string;
  paths: Record<string, Record<string, TOperation>>;
  components: { schemas: Record<string, unknown> };
};

let doc: TDocument;
beforeAll(async () => {
  const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toContain('application/json');
  doc = response.json();
});

/** Every (method, path) Fastify serves, read from its route tree (HEAD is implied by GET). */
function registeredRoutes(fastify: FastifyInstance): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of fastify.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    const path = (stack[depth - 1] ?? '') + (match[2] ?? '');
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) {
      if (method !== 'HEAD') routes.push({ method, path });
    }
  }
  return routes;
}

const INFRASTRUCTURE = new Set(['/api/openapi.json', '/api/docs', '/api/docs/assets/:file']);
const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every API route the server serves, and nothing it does not', () => {
    const served = registeredRoutes(app).filter(
      (r) => r.path.startsWith('/api') && !INFRASTRUCTURE.has(r.path),
    );
    expect(served.length).toBeGreaterThan(20);
    for (const route of served) {
      const operation = doc.paths[toOpenApiPath(route.path)]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path} is not documented`).toBeDefined();
    }
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(served.map((r) => `${r.method} ${toOpenApiPath(r.path)}`).sort());
    expect(documented).toEqual(
      expect.arrayContaining(['GET /api/health', 'POST /api/v1/people', 'PATCH /api/v1/people/{id}']),
    );
  });

  it('names every operation uniquely and resolves every schema reference', () => {
    const operations = Object.values(doc.paths).flatMap((p) => Object.values(p));
    const ids = operations.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1] ?? '',
    );
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) expect(doc.components.schemas, ref).toHaveProperty(ref);
  });

  it('describes auth, errors, idempotency and If-Match where they apply', () => {
    const signup = doc.paths['/api/v1/auth/signup']?.post;
    expect(signup?.security).toEqual([]);
    expect(Object.keys(signup?.responses ?? {})).toEqual(
      expect.arrayContaining(['201', '400', '409', '429']),
    );
    const createPerson = doc.paths['/api/v1/people']?.post;
    expect(createPerson?.security).toBeUndefined();
    expect(Object.keys(createPerson?.responses ?? {})).toEqual(
      expect.arrayContaining(['201', '400', '401', '403']),
    );
    expect(createPerson?.parameters?.map((p) => p.name)).toContain('Idempotency-Key');
    const patchPerson = doc.paths['/api/v1/people/{id}']?.patch;
    expect(patchPerson?.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['path:id', 'header:If-Match']),
    );
    expect(Object.keys(patchPerson?.responses ?? {})).toEqual(expect.arrayContaining(['200', '404', '412']));
    const listPeople = doc.paths['/api/v1/people']?.get;
    const limit = listPeople?.parameters?.find((p) => p.name === 'limit');
    expect(limit).toMatchObject({ in: 'query', required: false });
    // Switching workspace is not replayed by Idempotency-Key, so it must not claim to be.
    expect(doc.paths['/api/v1/me/workspace']?.post?.parameters ?? []).not.toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key' }),
    );
    expect(Object.keys(doc.paths['/api/health']?.get?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '503']),
    );
  });
});
