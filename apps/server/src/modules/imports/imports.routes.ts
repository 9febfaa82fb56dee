import fastifyMultipart from '@fastify/multipart';
import {
  ZImport,
  ZImportList,
  ZImportPreview,
  ZImportPreviewRequest,
  ZListImportsQuery,
  ZUpdateImportMappingRequest,
} from '@kap/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { addRoute } from '../../lib/route.ts';
import { FileTooLargeError } from './import-file.storage.ts';
import { previewImport } from './import-preview.service.ts';
import { openRejectedRowsCsv } from './import-rejected.service.ts';
import { undoImport } from './import-undo.service.ts';
import {
  cancelImport,
  completeUpload,
  getImport,
  listImports,
  openUpload,
  startImport,
  storeUpload,
  updateImportMapping,
} from './imports.service.ts';

const ZImportParams = z.object({ id: z.string().max(100) });

/** Reads a multipart upload part by part: fields into an object, the one file into PostgreSQL. */
async function receiveUpload(req: FastifyRequest, trx: TTrx, actor: TActor, maxBytes: number) {
  if (!req.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data (field "file")');
  }
  const id = await openUpload(trx, actor);
  const fields: Record<string, string | string[]> = {};
  let file: { name: string; size: number } | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          throw new AppError('VALIDATION_FAILED', 'One file, in the field "file"', [
            { path: part.fieldname, message: 'Unexpected file' },
          ]);
        }
        const size = await storeUpload(trx, actor, id, part.file, maxBytes);
        if (part.file.truncated) throw new FileTooLargeError(maxBytes);
        file = { name: part.filename || 'import', size };
      } else {
        const value = String(part.value);
        const current = fields[part.fieldname];
        fields[part.fieldname] =
          current === undefined ? value : [...(Array.isArray(current) ? current : [current]), value];
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new FileTooLargeError(maxBytes);
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new AppError('VALIDATION_FAILED', 'Too many parts: one file and a few fields', [
        { path: 'file', message: 'Too many parts' },
      ]);
    }
    throw error;
  }
  if (!file)
    throw new AppError('VALIDATION_FAILED', 'Invalid file: required', [
      { path: 'file', message: 'Required' },
    ]);
  return completeUpload(trx, actor, id, { fileName: file.name, fileSize: file.size, fields });
}

export async function registerImportRoutes(app: FastifyInstance): Promise<void> {
  const maxBytes = app.kap.config.importMaxBytes;
  // Multipart only for these routes (the rest of the API stays JSON-only).
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: maxBytes + 1, files: 1, fields: 20, fieldSize: 1024 * 1024, parts: 25 },
    });
    addRoute(scope, {
      method: 'POST',
      url: '/api/v1/imports',
      summary:
        'Upload a file to import (multipart: `file`, `objectType`, optional `mapping` JSON, `match`, `mode`, `dryRun`, `encoding`, `delimiter`, `sheet`). With a mapping and no dryRun it starts at once.',
      tags: ['Imports'],
      status: 201,
      response: ZImport,
      errors: [409, 413, 415],
      handler: ({ trx, actor, req }) => receiveUpload(req, trx, actor, maxBytes),
    });
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/v1/imports',
    summary: 'Imports of the workspace, newest first',
    tags: ['Imports'],
    query: ZListImportsQuery,
    response: ZImportList,
    handler: ({ trx, actor, query }) => listImports(trx, actor, query),
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/imports/:id',
    summary: 'An import: status, shape, mapping, counts and progress (rows/s, ETA)',
    tags: ['Imports'],
    params: ZImportParams,
    response: ZImport,
    handler: ({ trx, actor, params }) => getImport(trx, actor, params.id),
  });
  addRoute(app, {
    method: 'PUT',
    url: '/api/v1/imports/:id/mapping',
    summary: 'Set the mapping (and match keys, mode) of an uploaded import',
    tags: ['Imports'],
    params: ZImportParams,
    body: ZUpdateImportMappingRequest,
    response: ZImport,
    errors: [409],
    handler: ({ trx, actor, params, body }) => updateImportMapping(trx, actor, params.id, body),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/imports/:id/preview',
    summary:
      'Dry run over the first `limit` rows: the rows as stored and what would be created, updated, skipped, rejected',
    tags: ['Imports'],
    params: ZImportParams,
    body: ZImportPreviewRequest,
    response: ZImportPreview,
    errors: [409],
    handler: ({ trx, actor, params, body }) => previewImport(trx, actor, params.id, body),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/imports/:id/start',
    summary: 'Start an uploaded import (creates the new custom fields of its mapping)',
    tags: ['Imports'],
    params: ZImportParams,
    response: ZImport,
    errors: [409],
    handler: ({ trx, actor, params }) => startImport(trx, actor, params.id),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/imports/:id/cancel',
    summary: 'Cancel an import; a running one stops after its current batch, keeping what got in',
    tags: ['Imports'],
    params: ZImportParams,
    response: ZImport,
    errors: [409],
    handler: ({ trx, actor, params }) => cancelImport(trx, actor, params.id),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/imports/:id/undo',
    summary:
      'Undo an import: delete what it created, revert what it updated; 409 naming records changed since',
    tags: ['Imports'],
    params: ZImportParams,
    response: ZImport,
    errors: [409],
    handler: ({ trx, actor, params }) => undoImport(trx, actor, params.id),
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/imports/:id/rejected',
    summary: 'The rejected rows as CSV: the original columns, then `row` and `reason`',
    tags: ['Imports'],
    params: ZImportParams,
    handler: async ({ trx, actor, params, reply }) => {
      const { fileName, stream } = await openRejectedRowsCsv(trx, app.kap.db, actor, params.id);
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`);
      return stream;
    },
  });
}
