import type { ColumnType, Generated } from 'kysely';

type TJson = ColumnType<Record<string, unknown> | null, string | null, never>;

export type TAuditLogTable = {
  workspaceId: string;
  id: string;
  occurredAt: Generated<Date>;
  actorType: 'user' | 'apiKey' | 'system';
  actorId: string | null;
  actorName: string | null;
  action: string;
  recordType: string;
  recordId: string;
  before: TJson;
  after: TJson;
  requestId: string | null;
};
