import {
  ZAddStageRequest,
  ZBoardSummary,
  ZCreatePipelineRequest,
  ZDeleteStageQuery,
  ZPipeline,
  ZPipelineStats,
  ZReorderStagesRequest,
  ZUpdatePipelineRequest,
} from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readIfMatch } from '../../lib/if-match.ts';
import { addRoute } from '../../lib/route.ts';
import { getPipelineStats } from './deal-stats.service.ts';
import { getBoardSummary } from './deals-forecast.service.ts';
import { addStage, deleteStage, reorderStages } from './pipeline-stages.service.ts';
import {
  createPipeline,
  deletePipeline,
  getPipeline,
  listPipelines,
  updatePipeline,
} from './pipelines.service.ts';

const ZParams = z.object({ id: z.string().max(100) });
const ZStageParams = z.object({ id: z.string().max(100), stageId: z.string().max(100) });
const tags = ['Pipelines'];

export function registerPipelineRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/pipelines',
    summary: 'The pipelines with their stages, default first (the default one is created on first use)',
    tags,
    response: z.object({ data: z.array(ZPipeline) }),
    handler: ({ trx, actor }) => listPipelines(trx, actor),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/pipelines',
    summary: 'Create a pipeline with its ordered stages (needs settings:manage)',
    tags,
    body: ZCreatePipelineRequest,
    status: 201,
    response: ZPipeline,
    handler: async ({ trx, actor, body, reply }) => {
      const pipeline = await createPipeline(trx, actor, body);
      reply.header('etag', `"${pipeline.version}"`).header('location', `/api/v1/pipelines/${pipeline.id}`);
      return pipeline;
    },
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/pipelines/:id',
    summary: 'A pipeline with its stages',
    tags,
    params: ZParams,
    response: ZPipeline,
    handler: async ({ trx, actor, params, reply }) => {
      const pipeline = await getPipeline(trx, actor, params.id);
      reply.header('etag', `"${pipeline.version}"`);
      return pipeline;
    },
  });
  addRoute(app, {
    method: 'PATCH',
    url: '/api/v1/pipelines/:id',
    summary:
      'Rename, make default, or replace the ordered stage list (add, rename, re-weight, reorder; removing a stage with deals: 409)',
    tags,
    params: ZParams,
    body: ZUpdatePipelineRequest,
    response: ZPipeline,
    errors: [409, 412],
    handler: async ({ trx, actor, params, body, req, reply }) => {
      const pipeline = await updatePipeline(trx, actor, params.id, body, readIfMatch(req));
      reply.header('etag', `"${pipeline.version}"`);
      return pipeline;
    },
  });
  addRoute(app, {
    method: 'DELETE',
    url: '/api/v1/pipelines/:id',
    summary: 'Delete a pipeline without deals (not the default one: 409)',
    tags,
    params: ZParams,
    status: 204,
    errors: [409, 412],
    handler: ({ trx, actor, params, req }) => deletePipeline(trx, actor, params.id, readIfMatch(req)),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/pipelines/:id/stages',
    summary: 'Add a stage (at `position`, default last)',
    tags,
    params: ZParams,
    body: ZAddStageRequest,
    status: 201,
    response: ZPipeline,
    handler: ({ trx, actor, params, body }) => addStage(trx, actor, params.id, body),
  });
  addRoute(app, {
    method: 'PUT',
    url: '/api/v1/pipelines/:id/stages/order',
    summary: 'Reorder the stages: every stage id, in the new order',
    tags,
    params: ZParams,
    body: ZReorderStagesRequest,
    response: ZPipeline,
    errors: [412],
    handler: ({ trx, actor, params, body, req }) =>
      reorderStages(trx, actor, params.id, body.stageIds, readIfMatch(req)),
  });
  addRoute(app, {
    method: 'DELETE',
    url: '/api/v1/pipelines/:id/stages/:stageId',
    summary: 'Delete a stage: 409 while it holds deals, unless moveDealsTo names the stage they move to',
    tags,
    params: ZStageParams,
    query: ZDeleteStageQuery,
    response: ZPipeline,
    errors: [409],
    handler: ({ trx, actor, params, query }) =>
      deleteStage(trx, actor, params.id, params.stageId, query.moveDealsTo),
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/pipelines/:id/stats',
    summary:
      'Per stage: deals now, time in stage (avg/median seconds) and conversion, from the stage history',
    tags,
    params: ZParams,
    response: ZPipelineStats,
    handler: ({ trx, actor, params }) => getPipelineStats(trx, actor, params.id),
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/pipelines/:id/summary',
    summary: "The board's column totals: per stage and currency, count, amount and weighted amount",
    tags,
    params: ZParams,
    response: ZBoardSummary,
    handler: ({ trx, actor, params }) => getBoardSummary(trx, actor, params.id),
  });
}
