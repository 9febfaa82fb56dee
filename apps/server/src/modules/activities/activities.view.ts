import type { TActivity } from '@kap/shared';
import { linkIdsOf, type TRecordLink } from '../timeline/index.ts';
import type { TActivityRow } from './activities.repository.ts';

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
    ...linkIdsOf(links),
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
