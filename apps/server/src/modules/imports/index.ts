export { registerImportMappingPresetRoutes } from './import-mapping-presets.routes.ts';
export { previewImport } from './import-preview.service.ts';
export { openRejectedRowsCsv } from './import-rejected.service.ts';
export { runImport, type TRunOptions } from './import-runner.ts';
export { runImportNow, STALE_AFTER_SECONDS, startImportWorker } from './imports.jobs.ts';
export { registerImportRoutes } from './imports.routes.ts';
export {
  cancelImport,
  completeUpload,
  getImport,
  openUpload,
  startImport,
  storeUpload,
  updateImportMapping,
} from './imports.service.ts';
export type {
  TImportFileChunksTable,
  TImportMappingPresetsTable,
  TImportRejectedRowsTable,
  TImportsTable,
  TImportUpdatesTable,
} from './imports.table.ts';
