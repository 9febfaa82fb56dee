import type { TApiKeysTable } from '../modules/api-keys/index.ts';
import type { TAuditLogTable } from '../modules/audit/index.ts';
import type {
  TLoginThrottleTable,
  TPasswordResetTokensTable,
  TSessionsTable,
  TUsersTable,
} from '../modules/auth/index.ts';
import type { TIdempotencyKeysTable } from '../modules/idempotency/index.ts';
import type { TMailOutboxTable } from '../modules/mail/index.ts';
import type { TPeopleTable } from '../modules/people/index.ts';
import type { TInvitationsTable, TMembershipsTable, TWorkspacesTable } from '../modules/workspaces/index.ts';

/** The whole schema as Kysely sees it (camelCase); each module declares its own tables. */
export type TDatabase = {
  workspaces: TWorkspacesTable;
  memberships: TMembershipsTable;
  invitations: TInvitationsTable;
  users: TUsersTable;
  sessions: TSessionsTable;
  passwordResetTokens: TPasswordResetTokensTable;
  loginThrottle: TLoginThrottleTable;
  apiKeys: TApiKeysTable;
  mailOutbox: TMailOutboxTable;
  idempotencyKeys: TIdempotencyKeysTable;
  auditLog: TAuditLogTable;
  people: TPeopleTable;
};
