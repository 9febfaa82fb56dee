import type { TApiKeyScope, TRole } from '@kap/shared';
import type { Generated } from 'kysely';

export type TApiKeysTable = {
  workspaceId: string;
  id: string;
  name: string;
  role: TRole;
  /** null or empty: everything the role allows. */
  scopes: TApiKeyScope[] | null;
  prefix: string;
  keyHash: string;
  createdBy: string | null;
  createdAt: Generated<Date>;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};
