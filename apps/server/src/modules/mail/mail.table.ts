import type { Generated } from 'kysely';

export type TMailOutboxTable = {
  id: string;
  workspaceId: string | null;
  toAddress: string;
  subject: string;
  textBody: string;
  createdAt: Generated<Date>;
  sentAt: Date | null;
  error: string | null;
};
