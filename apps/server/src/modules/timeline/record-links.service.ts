import type { TTrx } from '../../db/tenant.ts';
import { assertCanRead, type TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { findTimelineRecordType } from './timeline.registry.ts';

export type TRecordLink = { recordType: string; recordId: string };

/**
 * The record types activities and tasks link to, by the field that carries their ids in requests
 * and responses. A record type that registers a timeline (see README) and wants links adds its
 * field here, once, instead of in each linking module.
 */
export const RECORD_LINK_FIELDS = [
  { recordType: 'person', field: 'personIds' },
  { recordType: 'company', field: 'companyIds' },
  { recordType: 'deal', field: 'dealIds' },
] as const;

type TLinkField = (typeof RECORD_LINK_FIELDS)[number]['field'];

/** The link requests of an activity's or task's input (fields not sent: left as they are). */
export const linkRequestsOf = (input: Partial<Record<TLinkField, string[] | undefined>>): TLinkRequest[] =>
  RECORD_LINK_FIELDS.map(({ recordType, field }) => ({ recordType, field, ids: input[field] }));

/** Links as the response fields: `{ personIds, companyIds, dealIds }`. */
export const linkIdsOf = (links: readonly TRecordLink[]): Record<TLinkField, string[]> =>
  Object.fromEntries(
    RECORD_LINK_FIELDS.map(({ recordType, field }) => [
      field,
      links.filter((link) => link.recordType === recordType).map((link) => link.recordId),
    ]),
  ) as Record<TLinkField, string[]>;

/** Ids given per record type, under the request field that named them (`personIds`). */
export type TLinkRequest = { recordType: string; field: string; ids: readonly string[] | undefined };

/**
 * The links an activity or task asks for, each checked to exist and be visible to the actor, one
 * query per record type. One that is not is a 400 naming the field and position (`personIds.1`):
 * the body is what is wrong, not the URL. Duplicates collapse into one link.
 */
export async function resolveRecordLinks(
  trx: TTrx,
  actor: TActor,
  requests: TLinkRequest[],
): Promise<TRecordLink[]> {
  const links: TRecordLink[] = [];
  for (const request of requests) {
    const ids = (request.ids ?? []).map((id) => id.toLowerCase());
    if (ids.length === 0) continue;
    const recordType = findTimelineRecordType(request.recordType);
    if (recordType) assertCanRead(actor, recordType.objectType);
    const visible = recordType
      ? await recordType.findVisibleIds(trx, actor, [...new Set(ids)])
      : new Set<string>();
    const missing = ids.findIndex((id) => !visible.has(id));
    if (missing >= 0) {
      throw new AppError('VALIDATION_FAILED', `No ${request.recordType} ${ids[missing]} in this workspace`, [
        { path: `${request.field}.${missing}`, message: `No such ${request.recordType}` },
      ]);
    }
    for (const recordId of new Set(ids)) links.push({ recordType: request.recordType, recordId });
  }
  return links;
}
