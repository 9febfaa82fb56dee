import type { ColumnType, Generated } from 'kysely';

export type TNotificationsTable = {
  workspaceId: string;
  id: string;
  userId: string;
  kind: string;
  title: string;
  recordType: string | null;
  recordId: string | null;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  dedupeKey: string | null;
  createdAt: Generated<Date>;
  readAt: Date | null;
  isRead: ColumnType<boolean, never, never>;
};
