import type { TRole } from '@kap/shared';
import type { Generated } from 'kysely';

export type TWorkspacesTable = {
  id: string;
  name: string;
  baseCurrency: Generated<string>;
  createdAt: Generated<Date>;
};

export type TMembershipsTable = {
  workspaceId: string;
  userId: string;
  role: TRole;
  teamId: Generated<string | null>;
  createdAt: Generated<Date>;
};

export type TTeamsTable = {
  workspaceId: string;
  id: string;
  name: string;
  createdAt: Generated<Date>;
};

export type TInvitationsTable = {
  workspaceId: string;
  id: string;
  email: string;
  role: TRole;
  tokenHash: string;
  invitedBy: string | null;
  createdAt: Generated<Date>;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
};
