export { registerAuthRoutes } from './auth.routes.ts';
export { authenticate, SESSION_COOKIE } from './authenticate.ts';
export { createMemberAccount, signUp } from './accounts.service.ts';
export { createSession, deleteExpiredSessions } from './sessions.service.ts';
export type { TLoginThrottleTable, TPasswordResetTokensTable, TSessionsTable, TUsersTable } from './auth.table.ts';
