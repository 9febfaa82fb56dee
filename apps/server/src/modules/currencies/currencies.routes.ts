import {
  listResponse,
  ZCurrencySettings,
  ZExchangeRate,
  ZListExchangeRatesQuery,
  ZPutExchangeRatesRequest,
  ZUpdateCurrencySettingsRequest,
} from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addRoute } from '../../lib/route.ts';
import {
  getCurrencySettings,
  listExchangeRates,
  putExchangeRates,
  updateCurrencySettings,
} from './currencies.service.ts';

export function registerCurrencyRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/settings/base-currency',
    summary: 'The currency order totals are converted to (EUR until set)',
    tags: ['Settings'],
    response: ZCurrencySettings,
    handler: ({ trx, actor }) => getCurrencySettings(trx, actor),
  });
  addRoute(app, {
    method: 'PUT',
    url: '/api/v1/settings/base-currency',
    summary: 'Set the base currency (admins); 409 once orders hold amounts in the current one',
    tags: ['Settings'],
    body: ZUpdateCurrencySettingsRequest,
    response: ZCurrencySettings,
    errors: [409],
    handler: ({ trx, actor, body }) => updateCurrencySettings(trx, actor, body),
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/exchange-rates',
    summary: 'Exchange rates to the base currency, by currency then newest date first',
    tags: ['Orders'],
    query: ZListExchangeRatesQuery,
    response: listResponse(ZExchangeRate),
    handler: ({ trx, actor, query }) => listExchangeRates(trx, actor, query),
  });
  addRoute(app, {
    method: 'PUT',
    url: '/api/v1/exchange-rates',
    summary:
      'Create or replace rates by (currency, date); an order uses the rate of its day or the latest before it',
    tags: ['Orders'],
    body: ZPutExchangeRatesRequest,
    response: z.object({ data: z.array(ZExchangeRate) }),
    handler: ({ trx, actor, body }) => putExchangeRates(trx, actor, body),
  });
}
