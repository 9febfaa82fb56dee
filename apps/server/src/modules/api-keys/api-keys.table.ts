import type { TRole } from '@kap/shared';
import type { Generated } from 'kysely';

export type TApiKeysTable = {
  workspaceId: string;
  id: string;
  name: string;
  role: TRole;
  prefix: string;
  keyHash: string;
  createdBy: string | null;
  createdAt: Generated<Date>;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};
