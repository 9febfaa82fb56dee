import { type TExportDownloadQuery, ZExportDownloadQuery, ZExportRequest } from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { parseFilterParam } from '../../lib/filters/index.ts';
import { isUuid } from '../../lib/ids.ts';
import type { TExportInput } from './exports.service.ts';
import { prepareExport, writeExport } from './exports.service.ts';
import { preparePersonalDataExport } from './personal-data.service.ts';
import { addStreamingRoute, attachmentHeader, type TStreamedFile } from './stream-route.ts';

async function streamExport(trx: TTrx, actor: TActor, input: TExportInput): Promise<TStreamedFile> {
  const prepared = await prepareExport(trx, actor, input);
  return {
    headers: {
      'content-type': prepared.contentType,
      'content-disposition': attachmentHeader(prepared.fileName),
    },
    write: async (out) => {
      await writeExport(trx, actor, prepared, out);
    },
  };
}

/** The download link's query as an export request (filter JSON, comma-separated lists). */
function fromDownloadQuery(query: TExportDownloadQuery): TExportInput {
  const ids = query.ids?.split(',').filter(Boolean);
  const badId = ids?.findIndex((id) => !isUuid(id)) ?? -1;
  if (badId >= 0) {
    throw new AppError('VALIDATION_FAILED', 'Invalid query.ids: not a record id', [
      { path: `query.ids.${badId}`, message: 'Not a record id' },
    ]);
  }
  const columns =
    query.columns === 'visible' || query.columns === 'all'
      ? query.columns
      : query.columns.split(',').map((key) => key.trim());
  return {
    objectType: query.objectType,
    viewId: query.viewId,
    filter: query.filter === undefined ? undefined : parseFilterParam(query.filter),
    sort: query.sort,
    q: query.q,
    ids: ids && ids.length > 0 ? ids : undefined,
    columns,
    format: query.format,
    bom: query.bom,
  };
}

const ZPersonParams = z.object({ id: z.string().max(100) });

export function registerExportRoutes(app: FastifyInstance): void {
  addStreamingRoute(app, {
    method: 'POST',
    url: '/api/v1/exports',
    summary:
      'Export a list (its filter, saved view, sort, search or a selection) as CSV or .xlsx, streamed: all rows, any size',
    tags: ['Exports'],
    body: ZExportRequest,
    prepare: ({ trx, actor, body }) => streamExport(trx, actor, body),
  });
  addStreamingRoute(app, {
    method: 'GET',
    url: '/api/v1/exports/download',
    summary: 'The same export as a plain link (for browsers): filter as JSON text, columns comma-separated',
    tags: ['Exports'],
    query: ZExportDownloadQuery,
    prepare: ({ trx, actor, query }) => streamExport(trx, actor, fromDownloadQuery(query)),
  });
  addStreamingRoute(app, {
    method: 'GET',
    url: '/api/v1/people/:id/export',
    summary:
      'GDPR data export of one person: a zip with person.json and a CSV and JSON file per kind of related data',
    tags: ['Exports'],
    params: ZPersonParams,
    prepare: async ({ trx, actor, params }) => {
      const file = await preparePersonalDataExport(trx, actor, params.id);
      return {
        headers: {
          'content-type': 'application/zip',
          'content-disposition': attachmentHeader(file.fileName),
        },
        write: file.write,
      };
    },
  });
}
