import {
  ZCreateCustomFieldRequest,
  ZCustomField,
  ZListCustomFieldsQuery,
  ZUpdateCustomFieldRequest,
} from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readIfMatch } from '../../lib/if-match.ts';
import { addRoute } from '../../lib/route.ts';
import {
  createCustomField,
  deleteCustomField,
  getCustomField,
  listCustomFields,
  updateCustomField,
} from './custom-fields.service.ts';

const ZFieldParams = z.object({ id: z.string().max(100) });

export function registerCustomFieldRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/custom-fields',
    summary: 'List custom field definitions (archived ones with includeArchived=true)',
    tags: ['Custom fields'],
    query: ZListCustomFieldsQuery,
    response: z.object({ data: z.array(ZCustomField) }),
    handler: ({ trx, actor, query }) => listCustomFields(trx, actor, query),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/custom-fields',
    summary: 'Define a custom field (admins)',
    tags: ['Custom fields'],
    body: ZCreateCustomFieldRequest,
    status: 201,
    response: ZCustomField,
    errors: [409],
    handler: async ({ trx, actor, body, reply }) => {
      const field = await createCustomField(trx, actor, body);
      reply.header('etag', `"${field.version}"`).header('location', `/api/v1/custom-fields/${field.id}`);
      return field;
    },
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/custom-fields/:id',
    summary: 'Get a custom field definition',
    tags: ['Custom fields'],
    params: ZFieldParams,
    response: ZCustomField,
    handler: async ({ trx, actor, params, reply }) => {
      const field = await getCustomField(trx, actor, params.id);
      reply.header('etag', `"${field.version}"`);
      return field;
    },
  });
  addRoute(app, {
    method: 'PATCH',
    url: '/api/v1/custom-fields/:id',
    summary: 'Rename, change the options of, archive or unarchive a custom field (admins)',
    tags: ['Custom fields'],
    params: ZFieldParams,
    body: ZUpdateCustomFieldRequest,
    response: ZCustomField,
    errors: [412],
    handler: async ({ trx, actor, params, body, req, reply }) => {
      const field = await updateCustomField(trx, actor, params.id, body, readIfMatch(req));
      reply.header('etag', `"${field.version}"`);
      return field;
    },
  });
  addRoute(app, {
    method: 'DELETE',
    url: '/api/v1/custom-fields/:id',
    summary: 'Delete a custom field and its values in every record (admins); archive it to keep the data',
    tags: ['Custom fields'],
    params: ZFieldParams,
    status: 204,
    errors: [412],
    handler: ({ trx, actor, params, req }) => deleteCustomField(trx, actor, params.id, readIfMatch(req)),
  });
}
