export { buildApp } from './app.ts';
export {
  backupDatabase,
  readKapVersion,
  SKIPPED_TABLES,
  type TBackupHeader,
  type TBackupProgress,
} from './db/backup.ts';
export { DataDirLockedError, lockDataDir } from './db/data-dir-lock.ts';
export { startEmbeddedPostgres } from './db/embedded-postgres.ts';
export { getSchemaVersion, listMigrations, runMigrations } from './db/migrator.ts';
export { openDatabase, type TOpenDatabase } from './db/open-database.ts';
export { createDb, createPool, type TDb } from './db/pool.ts';
export { BackupFileError, restoreDatabase, type TRestoreResult } from './db/restore.ts';
export { withWorkspace } from './db/tenant.ts';
export type { TActor } from './lib/actor.ts';
export { loadConfig, type TConfig } from './lib/config.ts';
export { AppError } from './lib/errors.ts';
export { limitHeapGrowth } from './lib/heap-growth.ts';
export { startKap } from './main.ts';
export { createApiKey } from './modules/api-keys/index.ts';
export { createMemberAccount, signUp } from './modules/auth/index.ts';
export {
  createDemoWorkspace,
  DEMO_OWNER_EMAIL,
  DEMO_WORKSPACE_NAME,
  prepareDemo,
  seedDemoData,
  type TDemoAccount,
  type TPrepareDemoResult,
  type TSeedDemoResult,
} from './modules/demo/index.ts';
export { findExportViewId, prepareExport, writeExport } from './modules/exports/index.ts';
export {
  cancelImport,
  completeUpload,
  getImport,
  openRejectedRowsCsv,
  openUpload,
  previewImport,
  runImportNow,
  startImport,
  storeUpload,
  updateImportMapping,
} from './modules/imports/index.ts';
export { listOutboxForOperator } from './modules/mail/index.ts';
export { findFirstWorkspace, findWorkspaceByIdOrName, listMemberRoles } from './modules/workspaces/index.ts';
export { startWorkers } from './workers.ts';
