export { createMemberAccount, signUp } from './accounts.service.ts';
export { registerAuthRoutes } from './auth.routes.ts';
export type {
  TLoginThrottleTable,
  TPasswordResetTokensTable,
  TSessionsTable,
  TUsersTable,
} from './auth.table.ts';
export { authenticate, identifyRequest, SESSION_COOKIE, type TRequestIdentity } from './authenticate.ts';
export { createSession, deleteExpiredSessions } from './sessions.service.ts';
