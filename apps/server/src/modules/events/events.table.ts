import type { ColumnType, Generated } from 'kysely';

/** Partitioned by month on occurred_at (migration 0010); read and written through the parent only. */
export type TEventsTable = {
  workspaceId: string;
  occurredAt: Date;
  /** The sender's own id of the event. */
  eventId: string;
  type: string;
  channel: string;
  personId: string | null;
  anonymousId: string | null;
  /** What links the event later while personId is null ('anon:…', 'email:…', 'phone:…', 'externalId:…'). */
  pendingKey: string | null;
  properties: ColumnType<Record<string, unknown>, string, string>;
  receivedAt: Generated<Date>;
};

export type TAnonymousIdentitiesTable = {
  workspaceId: string;
  anonymousId: string;
  personId: string;
  linkedAt: Generated<Date>;
};

export type TEventsSettingsTable = {
  workspaceId: string;
  createUnknownPeople: boolean;
  updatedAt: Generated<Date>;
  updatedBy: string | null;
};

export type TEventPendingKeysTable = {
  workspaceId: string;
  key: string;
};
