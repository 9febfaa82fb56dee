import { ZDefaultCountry, ZLifecycleStages } from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { addRoute } from '../../lib/route.ts';
import {
  getDefaultCountrySetting,
  getLifecycleStages,
  setDefaultCountry,
  setLifecycleStages,
} from './people-settings.service.ts';

export function registerPeopleSettingsRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/settings/lifecycle-stages',
    summary: 'The lifecycle stages of people in this workspace, in order',
    tags: ['Settings'],
    response: ZLifecycleStages,
    handler: ({ trx, actor }) => getLifecycleStages(trx, actor),
  });
  addRoute(app, {
    method: 'PUT',
    url: '/api/v1/settings/lifecycle-stages',
    summary: 'Replace the lifecycle stages (admins); a stage people are at cannot be removed (409)',
    tags: ['Settings'],
    body: ZLifecycleStages,
    response: ZLifecycleStages,
    errors: [409],
    handler: ({ trx, actor, body }) => setLifecycleStages(trx, actor, body),
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/settings/default-country',
    summary: 'The country of phone numbers typed without "+"',
    tags: ['Settings'],
    response: ZDefaultCountry,
    handler: ({ trx, actor }) => getDefaultCountrySetting(trx, actor),
  });
  addRoute(app, {
    method: 'PUT',
    url: '/api/v1/settings/default-country',
    summary: 'Set the country of phone numbers typed without "+" (admins); null: such numbers are refused',
    tags: ['Settings'],
    body: ZDefaultCountry,
    response: ZDefaultCountry,
    handler: ({ trx, actor, body }) => setDefaultCountry(trx, actor, body),
  });
}
