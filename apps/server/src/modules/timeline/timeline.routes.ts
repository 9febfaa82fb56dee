import {
  listResponse,
  type TTimelineQuery,
  ZCompany,
  ZPerson,
  ZTimelineItem,
  ZTimelineQuery,
} from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import { addRoute } from '../../lib/route.ts';
import { findVisibleCompanyIds, getCompany } from '../companies/index.ts';
import { readFollowingMerges } from '../merges/index.ts';
import { findVisiblePersonIds, getPerson, getPersonWith } from '../people/index.ts';
import { changeTimelineSource } from './changes.timeline.ts';
import { addTimelineRecordType, registerTimelineSource } from './timeline.registry.ts';
import { buildTimelinePage, listTimeline, pageFromJson, timelinePageJsonSql } from './timeline.service.ts';
import type { TTimelineRecord, TTimelineRecordType } from './timeline.types.ts';

const ZRecordParams = z.object({ id: z.string().max(100) });

/**
 * Gives a kind of record its timeline (`GET /api/v1/<path>/:id/timeline`) and makes it linkable
 * from activities and tasks. Modules that bring a new record type (deals, tickets...) call this.
 */
export function registerTimelineRecordType(app: FastifyInstance, recordType: TTimelineRecordType): void {
  addTimelineRecordType(recordType);
  addRoute(app, {
    method: 'GET',
    url: `/api/v1/${recordType.path}/:id/timeline`,
    summary: `The ${recordType.type}'s timeline: activities, tasks, field changes and more, newest first`,
    tags: [recordType.tag],
    params: ZRecordParams,
    query: ZTimelineQuery,
    response: listResponse(ZTimelineItem),
    isReadOnly: true,
    handler: ({ trx, actor, params, query }) =>
      listTimeline(trx, actor, { type: recordType.type, id: params.id.toLowerCase() }, query),
  });
  if (recordType.overview) addOverviewRoute(app, recordType, recordType.overview);
}

function addOverviewRoute(
  app: FastifyInstance,
  recordType: TTimelineRecordType,
  overview: NonNullable<TTimelineRecordType['overview']>,
): void {
  addRoute(app, {
    method: 'GET',
    url: `/api/v1/${recordType.path}/:id/overview`,
    summary: `The ${recordType.type} and the first page of its timeline in one request (a merged id answers with the survivor, like GET)`,
    tags: [recordType.tag],
    params: ZRecordParams,
    query: ZTimelineQuery,
    response: z.object({ record: overview.recordSchema, timeline: listResponse(ZTimelineItem) }),
    isReadOnly: true,
    handler: async ({ trx, actor, params, query, reply }) => {
      const { record, mergedInto } = await readFollowingMerges(trx, actor, recordType.type, params.id, (id) =>
        readWithTimeline(trx, actor, { type: recordType.type, id: id.toLowerCase() }, query, overview),
      );
      if (mergedInto) {
        reply
          .header('content-location', `/api/v1/${recordType.path}/${mergedInto}/overview`)
          .header('kap-merged-into', mergedInto);
      }
      return record;
    },
  });
}

/**
 * The record and its first timeline page: in one statement when the record type can read its
 * record along with a subquery, else the record, then the page.
 */
async function readWithTimeline(
  trx: TTrx,
  actor: TActor,
  record: TTimelineRecord,
  query: TTimelineQuery,
  overview: NonNullable<TTimelineRecordType['overview']>,
) {
  if (!overview.readRecordWith) {
    const read = await overview.readRecord(trx, actor, record.id);
    return { record: read, timeline: await listTimeline(trx, actor, record, query, { isRecordRead: true }) };
  }
  const page = buildTimelinePage(trx, actor, record, query);
  const read = await overview.readRecordWith(trx, actor, record.id, timelinePageJsonSql(page));
  return { record: read.record, timeline: pageFromJson(page, read.alongWith) };
}

export function registerTimelineRoutes(app: FastifyInstance): void {
  registerTimelineSource(changeTimelineSource);
  // People and companies are Kap's first records with a timeline; their modules stay unaware of it.
  registerTimelineRecordType(app, {
    type: 'person',
    path: 'people',
    tag: 'People',
    objectType: 'people',
    findVisibleIds: findVisiblePersonIds,
    overview: {
      recordSchema: ZPerson,
      readRecord: (trx, actor, id) => getPerson(trx, actor, id),
      readRecordWith: async (trx, actor, id, alongWith) => {
        const { person, alongWith: value } = await getPersonWith(trx, actor, id, alongWith);
        return { record: person, alongWith: value };
      },
    },
  });
  registerTimelineRecordType(app, {
    type: 'company',
    path: 'companies',
    tag: 'Companies',
    objectType: 'companies',
    findVisibleIds: findVisibleCompanyIds,
    overview: { recordSchema: ZCompany, readRecord: (trx, actor, id) => getCompany(trx, actor, id) },
  });
}
