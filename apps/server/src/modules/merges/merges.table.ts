import type { Generated } from 'kysely';

export type TRecordMergesTable = {
  workspaceId: string;
  recordType: string;
  mergedId: string;
  survivorId: string;
  mergedAt: Generated<Date>;
  mergedBy: string | null;
};
