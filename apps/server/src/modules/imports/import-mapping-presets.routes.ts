import {
  ZCreateImportMappingPresetRequest,
  ZImportMappingPreset,
  ZImportMappingPresetList,
  ZListImportMappingPresetsQuery,
} from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addRoute } from '../../lib/route.ts';
import {
  createMappingPreset,
  deleteMappingPreset,
  listMappingPresets,
} from './import-mapping-presets.service.ts';

export function registerImportMappingPresetRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/import-mappings',
    summary: 'Saved import mappings',
    tags: ['Imports'],
    query: ZListImportMappingPresetsQuery,
    response: ZImportMappingPresetList,
    handler: ({ trx, actor, query }) => listMappingPresets(trx, actor, query),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/import-mappings',
    summary: 'Save a mapping under a name, to reuse for files of the same layout',
    tags: ['Imports'],
    body: ZCreateImportMappingPresetRequest,
    status: 201,
    response: ZImportMappingPreset,
    errors: [409],
    handler: ({ trx, actor, body }) => createMappingPreset(trx, actor, body),
  });
  addRoute(app, {
    method: 'DELETE',
    url: '/api/v1/import-mappings/:id',
    summary: 'Delete a saved mapping',
    tags: ['Imports'],
    params: z.object({ id: z.string().max(100) }),
    handler: ({ trx, actor, params }) => deleteMappingPreset(trx, actor, params.id),
  });
}
