import {
  listResponse,
  ZActivity,
  ZCreateActivityRequest,
  ZListActivitiesQuery,
  ZUpdateActivityRequest,
} from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readIfMatch } from '../../lib/if-match.ts';
import { addRoute } from '../../lib/route.ts';
import { registerTimelineSource } from '../timeline/index.ts';
import {
  createActivity,
  deleteActivity,
  getActivity,
  listActivities,
  updateActivity,
} from './activities.service.ts';
import { activityTimelineSource } from './activities.timeline.ts';

const ZActivityParams = z.object({ id: z.string().max(100) });

export function registerActivityRoutes(app: FastifyInstance): void {
  registerTimelineSource(activityTimelineSource);
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/activities',
    summary: 'List activities (keyset-paginated), by type, channel, person, company and time',
    tags: ['Activities'],
    query: ZListActivitiesQuery,
    response: listResponse(ZActivity),
    handler: ({ trx, actor, query }) => listActivities(trx, actor, query),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/activities',
    summary: 'Log an activity (note, call, email, meeting...); the body is sanitised to safe HTML',
    tags: ['Activities'],
    body: ZCreateActivityRequest,
    status: 201,
    response: ZActivity,
    handler: async ({ trx, actor, body, reply }) => {
      const activity = await createActivity(trx, actor, body);
      reply.header('etag', `"${activity.version}"`).header('location', `/api/v1/activities/${activity.id}`);
      return activity;
    },
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/activities/:id',
    summary: 'Get an activity',
    tags: ['Activities'],
    params: ZActivityParams,
    response: ZActivity,
    handler: async ({ trx, actor, params, reply }) => {
      const activity = await getActivity(trx, actor, params.id);
      reply.header('etag', `"${activity.version}"`);
      return activity;
    },
  });
  addRoute(app, {
    method: 'PATCH',
    url: '/api/v1/activities/:id',
    summary: 'Change an activity; send If-Match with the version you read to refuse stale writes (412)',
    tags: ['Activities'],
    params: ZActivityParams,
    body: ZUpdateActivityRequest,
    response: ZActivity,
    errors: [412],
    handler: async ({ trx, actor, params, body, req, reply }) => {
      const activity = await updateActivity(trx, actor, params.id, body, readIfMatch(req));
      reply.header('etag', `"${activity.version}"`);
      return activity;
    },
  });
  addRoute(app, {
    method: 'DELETE',
    url: '/api/v1/activities/:id',
    summary: 'Delete an activity',
    tags: ['Activities'],
    params: ZActivityParams,
    status: 204,
    errors: [412],
    handler: ({ trx, actor, params, req }) => deleteActivity(trx, actor, params.id, readIfMatch(req)),
  });
}
