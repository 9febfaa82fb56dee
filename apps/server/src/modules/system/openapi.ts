import { ERROR_STATUS, ZErrorResponse } from '@kap/shared';
import { z } from 'zod';
import type { TRouteRecord } from '../../lib/route.ts';

type TJsonSchema = Record<string, unknown>;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (VALIDATION_FAILED names each field at fault)',
  401: 'Not signed in, or unknown API key',
  403: 'Your role does not allow this',
  404: 'Not found in your workspace',
  409: 'Conflict or duplicate',
  412: 'Stale write: the record changed since you read it',
  413: 'Request body too large',
  429: 'Rate limited; see Retry-After',
  503: 'Unavailable: the database does not answer',
};

/**
 * Builds the OpenAPI 3.1 document from the routes' Zod schemas. Named schemas (`.meta({id})`)
 * become components; OpenAPI 3.1 uses JSON Schema 2020-12, which is what Zod emits.
 */
export function buildOpenApiDocument(routes: TRouteRecord[], version: string) {
  const components: Record<string, TJsonSchema> = {};

  const convert = (schema: z.ZodType, io: 'input' | 'output'): TJsonSchema => {
    const json = z.toJSONSchema(schema, {
      io,
      unrepresentable: 'any',
      target: 'draft-2020-12',
    }) as TJsonSchema;
    const defs = (json.$defs ?? {}) as Record<string, TJsonSchema>;
    for (const [name, def] of Object.entries(defs)) components[name] = rewriteRefs(def) as TJsonSchema;
    const { $schema: _schema, $defs: _defs, ...rest } = json;
    return rewriteRefs(rest) as TJsonSchema;
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters: Record<string, unknown>[] = [
      ...toParameters(route.params ? convert(route.params, 'input') : null, 'path'),
      ...toParameters(route.query ? convert(route.query, 'input') : null, 'query'),
    ];
    if (route.isIdempotent) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: 'Retrying with the same key and body replays the first reply instead of acting twice',
        schema: { type: 'string', maxLength: 200 },
      });
    }
    if (route.method === 'PATCH' || (route.method === 'DELETE' && route.errors?.includes(412))) {
      parameters.push({ name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } });
    }
    const status = route.status ?? 200;
    const responses: Record<string, unknown> = {
      [String(status)]: route.response
        ? {
            description: 'Success',
            content: { 'application/json': { schema: convert(route.response, 'output') } },
          }
        : { description: 'Success' },
    };
    const errorStatuses = new Set([
      400,
      429,
      ...(route.isPublic ? [] : [401, 403]),
      ...(route.params ? [404] : []),
      ...(route.errors ?? []),
    ]);
    for (const code of [...errorStatuses].sort()) {
      responses[String(code)] = {
        description: ERROR_DESCRIPTIONS[code] ?? 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.method.toLowerCase()] = {
      operationId: operationIdOf(route),
      summary: route.summary,
      tags: route.tags,
      ...(route.isPublic ? { security: [] } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: convert(route.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  convert(ZErrorResponse, 'output');
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kap API',
      version,
      description: `Kap CRM API. Errors: ${Object.keys(ERROR_STATUS).join(', ')}.`,
    },
    servers: [{ url: '/' }],
    security: [{ session: [] }, { apiKey: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'kap_session' },
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key created in Settings → API keys' },
      },
    },
  };
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) =>
        key === '$ref' && typeof inner === 'string'
          ? [key, inner.replace('#/$defs/', '#/components/schemas/')]
          : [key, rewriteRefs(inner)],
      ),
    );
  }
  return value;
}

function toParameters(schema: TJsonSchema | null, location: 'path' | 'query') {
  if (!schema) return [];
  const properties = (schema.properties ?? {}) as Record<string, TJsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (required.has(name) && property.default === undefined),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

function operationIdOf(route: TRouteRecord): string {
  const words = route.url
    .replace('/api/v1/', '')
    .split(/[/-]/)
    .filter(Boolean)
    .map((part) => (part.startsWith(':') ? `by-${part.slice(1)}` : part));
  return [route.method.toLowerCase(), ...words]
    .map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join('')
    .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
