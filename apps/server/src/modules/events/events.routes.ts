import {
  type TIngestEventsResponse,
  ZEventFrequencyQuery,
  ZEventFrequencyResponse,
  ZEventsSettings,
  ZIngestEventsRequest,
  ZIngestEventsResponse,
} from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { addRoute } from '../../lib/route.ts';
import { registerTimelineSource } from '../timeline/index.ts';
import { eventTimelineSource } from './events.timeline.ts';
import { countPeopleByEventFrequency } from './events-frequency.service.ts';
import { ingestEvents } from './events-ingest.service.ts';
import { getEventsSettings, setEventsSettings } from './events-settings.service.ts';

/** 1,000 events of a few KB each; a batch over this is a 413. */
const EVENTS_BODY_LIMIT = 10 * 1024 * 1024;

export function registerEventRoutes(app: FastifyInstance): void {
  registerTimelineSource(eventTimelineSource);
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/events',
    summary:
      'Store customer events (1 to 1,000): 200 when all were valid, 207 when some were refused (listed by index); a retried event id is stored once',
    tags: ['Events'],
    body: ZIngestEventsRequest,
    response: ZIngestEventsResponse,
    errors: [413],
    apiKeyScope: 'events:write',
    bodyLimit: EVENTS_BODY_LIMIT,
    statusOf: (body) => ((body as TIngestEventsResponse).rejected.length > 0 ? 207 : 200),
    handler: ({ trx, actor, body }) => ingestEvents(trx, actor, body.events),
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/events/frequency',
    summary: 'How many people did an event type at least minCount times in the last days days',
    tags: ['Events'],
    query: ZEventFrequencyQuery,
    response: ZEventFrequencyResponse,
    handler: async ({ trx, actor, query }) => ({
      count: await countPeopleByEventFrequency(trx, actor, query),
    }),
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/settings/events',
    summary: 'Event ingestion settings of this workspace',
    tags: ['Settings'],
    response: ZEventsSettings,
    handler: ({ trx, actor }) => getEventsSettings(trx, actor),
  });
  addRoute(app, {
    method: 'PUT',
    url: '/api/v1/settings/events',
    summary: 'Change the event ingestion settings (admins)',
    tags: ['Settings'],
    body: ZEventsSettings,
    response: ZEventsSettings,
    handler: ({ trx, actor, body }) => setEventsSettings(trx, actor, body),
  });
}
