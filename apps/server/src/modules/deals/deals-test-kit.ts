import type { TDeal, TPipeline } from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { TSession } from '../../../../../test/helpers.ts';

/** Small HTTP helpers shared by the deals tests. */
export function dealsKit(app: FastifyInstance) {
  const as = (session: TSession, extra: Record<string, string> = {}) => ({
    cookie: session.cookie,
    ...extra,
  });
  const call = (
    session: TSession,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) => app.inject({ method, url, headers: as(session, headers), ...(payload && { payload }) });
  return {
    as,
    call,
    async defaultPipeline(session: TSession): Promise<TPipeline> {
      const response = await call(session, 'GET', '/api/v1/pipelines');
      expect(response.statusCode, response.body).toBe(200);
      const pipeline = (response.json().data as TPipeline[]).find((p) => p.isDefault);
      if (!pipeline) throw new Error('no default pipeline');
      return pipeline;
    },
    async createPipeline(session: TSession, payload: object): Promise<TPipeline> {
      const response = await call(session, 'POST', '/api/v1/pipelines', payload);
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    },
    async createDeal(session: TSession, payload: object): Promise<TDeal> {
      const response = await call(session, 'POST', '/api/v1/deals', payload);
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    },
    async move(session: TSession, deal: TDeal, stageId: string, lostReason?: string): Promise<TDeal> {
      const response = await call(
        session,
        'POST',
        `/api/v1/deals/${deal.id}/move`,
        { stageId, ...(lostReason && { lostReason }) },
        { 'if-match': `"${deal.version}"` },
      );
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    },
  };
}
