import {
  listResponse,
  ZCheckPersonDuplicatesRequest,
  ZCreatePersonRequest,
  ZCreatePersonResponse,
  ZDuplicateGroupsQuery,
  ZListPeopleQuery,
  ZMergePeopleResponse,
  ZMergeRequest,
  ZPerson,
  ZPersonDuplicateGroupsResponse,
  ZPersonDuplicatesResponse,
  ZRecordQuery,
  ZUpdatePersonRequest,
} from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readIfMatch } from '../../lib/if-match.ts';
import { addRoute } from '../../lib/route.ts';
import { readCustomFieldQuery } from '../custom-fields/index.ts';
import { changeRefusingMerged, readFollowingMerges } from '../merges/index.ts';
import { createPerson, deletePerson, getPerson, updatePerson } from './people.service.ts';
import { listPeople } from './people-list.service.ts';
import {
  findPersonDuplicates,
  findPossibleDuplicates,
  listDuplicateGroups,
} from './person-duplicates.service.ts';
import { checkPersonDuplicates } from './person-duplicates-check.service.ts';
import { mergePeople } from './person-merge.service.ts';

const ZPersonParams = z.object({ id: z.string().max(100) });

export function registerPeopleRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/people',
    summary: 'List people (keyset-paginated); filters include email, phone, externalId and cf.<key>=<value>',
    tags: ['People'],
    query: ZListPeopleQuery,
    response: listResponse(ZPerson),
    isReadOnly: true,
    handler: ({ trx, actor, query, req }) => listPeople(trx, actor, query, readCustomFieldQuery(req.query)),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/people',
    summary: 'Create a person; the reply lists possible duplicates (never blocks the create)',
    tags: ['People'],
    body: ZCreatePersonRequest,
    status: 201,
    response: ZCreatePersonResponse,
    errors: [409],
    handler: async ({ trx, actor, body, reply }) => {
      const person = await createPerson(trx, actor, body);
      reply.header('etag', `"${person.version}"`).header('location', `/api/v1/people/${person.id}`);
      return { ...person, possibleDuplicates: await findPossibleDuplicates(trx, actor, person.id) };
    },
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/people/:id',
    summary:
      'Get a person. A merged id answers 200 with the survivor, Content-Location naming it and Kap-Merged-Into its id',
    tags: ['People'],
    params: ZPersonParams,
    query: ZRecordQuery,
    response: ZPerson,
    isReadOnly: true,
    handler: async ({ trx, actor, params, query, reply }) => {
      const { record: person, mergedInto } = await readFollowingMerges(
        trx,
        actor,
        'person',
        params.id,
        (id) => getPerson(trx, actor, id, query.includeArchivedFields),
      );
      if (mergedInto) {
        reply
          .header('content-location', `/api/v1/people/${mergedInto}`)
          .header('kap-merged-into', mergedInto);
      }
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
      // A merged id is a 409 CONFLICT naming the survivor (Kap-Merged-Into), not a silent edit of it.
      const person = await changeRefusingMerged(trx, actor, 'person', params.id, () =>
        updatePerson(trx, actor, params.id, body, readIfMatch(req)),
      );
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
    errors: [409, 412],
    handler: ({ trx, actor, params, req }) =>
      changeRefusingMerged(trx, actor, 'person', params.id, () =>
        deletePerson(trx, actor, params.id, readIfMatch(req)),
      ),
  });
  registerPeopleMergeRoutes(app);
}

function registerPeopleMergeRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/people/duplicates',
    summary:
      'Possible duplicates across the workspace: groups of people sharing an email, phone or external id',
    tags: ['People'],
    query: ZDuplicateGroupsQuery,
    response: ZPersonDuplicateGroupsResponse,
    handler: ({ trx, actor, query }) => listDuplicateGroups(trx, actor, query),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/people/duplicates/check',
    summary: 'People that a person not saved yet would duplicate (for a warning before create or import)',
    tags: ['People'],
    body: ZCheckPersonDuplicatesRequest,
    response: ZPersonDuplicatesResponse,
    handler: async ({ trx, actor, body }) => ({ data: await checkPersonDuplicates(trx, actor, body) }),
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/people/:id/duplicates',
    summary:
      'People who look like this one (email, phone, external id; similar name in a shared company or city)',
    tags: ['People'],
    params: ZPersonParams,
    response: ZPersonDuplicatesResponse,
    handler: async ({ trx, actor, params }) => ({ data: await findPersonDuplicates(trx, actor, params.id) }),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/people/merge',
    summary:
      'Merge people into a survivor (one transaction). If-Match applies to the survivor; merged ids then resolve to it',
    tags: ['People'],
    body: ZMergeRequest,
    response: ZMergePeopleResponse,
    errors: [404, 409, 412],
    handler: async ({ trx, actor, body, req, reply }) => {
      const result = await mergePeople(trx, actor, body, readIfMatch(req));
      reply.header('etag', `"${result.person.version}"`);
      return result;
    },
  });
}
