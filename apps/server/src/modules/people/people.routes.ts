import {
  listResponse,
  ZCreatePersonRequest,
  ZListPeopleQuery,
  ZPerson,
  ZRecordQuery,
  ZUpdatePersonRequest,
} from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readIfMatch } from '../../lib/if-match.ts';
import { addRoute } from '../../lib/route.ts';
import { readCustomFieldQuery } from '../custom-fields/index.ts';
import { createPerson, deletePerson, getPerson, updatePerson } from './people.service.ts';
import { listPeople } from './people-list.service.ts';

const ZPersonParams = z.object({ id: z.string().max(100) });

export function registerPeopleRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/people',
    summary: 'List people (keyset-paginated); filters include email, phone, externalId and cf.<key>=<value>',
    tags: ['People'],
    query: ZListPeopleQuery,
    response: listResponse(ZPerson),
    handler: ({ trx, actor, query, req }) => listPeople(trx, actor, query, readCustomFieldQuery(req.query)),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/people',
    summary: 'Create a person',
    tags: ['People'],
    body: ZCreatePersonRequest,
    status: 201,
    response: ZPerson,
    errors: [409],
    handler: async ({ trx, actor, body, reply }) => {
      const person = await createPerson(trx, actor, body);
      reply.header('etag', `"${person.version}"`).header('location', `/api/v1/people/${person.id}`);
      return person;
    },
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/people/:id',
    summary: 'Get a person',
    tags: ['People'],
    params: ZPersonParams,
    query: ZRecordQuery,
    response: ZPerson,
    handler: async ({ trx, actor, params, query, reply }) => {
      const person = await getPerson(trx, actor, params.id, query.includeArchivedFields);
      reply.header('etag', `"${person.version}"`);
      return person;
    },
  });
  addRoute(app, {
    method: 'PATCH',
    url: '/api/v1/people/:id',
    summary: 'Change a person; send If-Match with the version you read to refuse stale writes (412)',
    tags: ['People'],
    params: ZPersonParams,
    body: ZUpdatePersonRequest,
    response: ZPerson,
    errors: [409, 412],
    handler: async ({ trx, actor, params, body, req, reply }) => {
      const person = await updatePerson(trx, actor, params.id, body, readIfMatch(req));
      reply.header('etag', `"${person.version}"`);
      return person;
    },
  });
  addRoute(app, {
    method: 'DELETE',
    url: '/api/v1/people/:id',
    summary: 'Delete a person',
    tags: ['People'],
    params: ZPersonParams,
    status: 204,
    errors: [412],
    handler: ({ trx, actor, params, req }) => deletePerson(trx, actor, params.id, readIfMatch(req)),
  });
}
