export { registerAuditRoutes } from './audit.routes.ts';
export { diffSnapshots, recordAudit, recordSystemAudit, type TAuditInput } from './audit.service.ts';
export type { TAuditLogTable } from './audit.table.ts';
export { listRecordHistory, selectRecordHistory, type TRecordHistoryEntry } from './audit-history.service.ts';
