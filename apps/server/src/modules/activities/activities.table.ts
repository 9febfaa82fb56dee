import type { TActivityType, TChannel } from '@kap/shared';
import type { ColumnType, Generated } from 'kysely';

export type TActivitiesTable = {
  workspaceId: string;
  id: string;
  type: TActivityType;
  channel: TChannel;
  direction: 'in' | 'out' | null;
  occurredAt: Date;
  durationSeconds: number | null;
  outcome: string | null;
  subject: string | null;
  /** Sanitised HTML. */
  body: string | null;
  participantIds: ColumnType<string[], string[] | undefined, string[]>;
  ownerId: string | null;
  // external_source, external_id, import_key (0014): read and written only by the import SQL of
  // activities-import.repository.ts, so they stay out of the rows the API reads.
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  createdBy: string | null;
  createdByType: 'user' | 'apiKey' | 'system' | null;
  createdByName: string | null;
  updatedBy: string | null;
};

export type TActivityLinksTable = {
  workspaceId: string;
  activityId: string;
  recordType: string;
  recordId: string;
  occurredAt: Date;
};
