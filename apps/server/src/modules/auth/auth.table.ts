import type { Generated } from 'kysely';

export type TUsersTable = {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  locale: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type TSessionsTable = {
  id: string;
  userId: string;
  workspaceId: string;
  createdAt: Generated<Date>;
  lastSeenAt: Generated<Date>;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
};

export type TPasswordResetTokensTable = {
  tokenHash: string;
  userId: string;
  createdAt: Generated<Date>;
  expiresAt: Date;
  usedAt: Date | null;
};

export type TLoginThrottleTable = {
  key: string;
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
};
