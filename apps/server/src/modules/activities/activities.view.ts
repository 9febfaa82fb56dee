import type { TActivity } from '@kap/shared';
import type { TRecordLink } from '../timeline/index.ts';
import type { TActivityRow } from './activities.repository.ts';

const idsOf = (links: readonly TRecordLink[], recordType: string) =>
  links.filter((link) => link.recordType === recordType).map((link) => link.recordId);

export function toActivity(row: TActivityRow, links: readonly TRecordLink[]): TActivity {
  return {
    id: row.id,
    type: row.type,
    channel: row.channel,
    direction: row.direction,
    occurredAt: row.occurredAt.toISOString(),
    durationSeconds: row.durationSeconds,
    outcome: row.outcome,
    subject: row.subject,
    body: row.body,
    participantIds: row.participantIds,
    personIds: idsOf(links, 'person'),
    companyIds: idsOf(links, 'company'),
    ownerId: row.ownerId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
  };
}

/** The audited view of an activity: what a user edits. */
export const snapshotOf = ({
  id: _id,
  version: _v,
  createdAt: _c,
  updatedAt: _u,
  createdBy: _cb,
  updatedBy: _ub,
  ...rest
}: TActivity) => rest;
