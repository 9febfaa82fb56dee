import { z } from 'zod';
import { listResponse, ZListQuery } from './common.schema.ts';
import { ZImportMapping, ZImportObjectType } from './import-mapping.schema.ts';

/**
 * Keys a row is matched on against existing records (and earlier rows of the same file):
 * people by email, phone or external id; companies by name (case-insensitive), domain or
 * external id; products always by SKU; orders always by (source, order id); activities always
 * on their own identity (external id, else a hash of the row: see modules/imports/README.md).
 */
export const IMPORT_MATCH_KEYS = ['email', 'phone', 'externalId', 'name', 'domain', 'sku'] as const;
export type TImportMatchKey = (typeof IMPORT_MATCH_KEYS)[number];

/**
 * What happens to a row that matches an existing record: `skip` leaves it alone, `fillEmpty`
 * writes only the fields that are empty on the record, `overwrite` replaces them with the file's
 * non-empty values. Rows that match nothing are created in every mode.
 */
export const IMPORT_MODES = ['skip', 'fillEmpty', 'overwrite'] as const;
export type TImportMode = (typeof IMPORT_MODES)[number];

/**
 * `uploaded`: file stored, shape detected, waiting for a mapping and `start`;
 * `queued` → `running` → `completed` | `failed` | `cancelled`; a finished import may become `undone`.
 */
export const IMPORT_STATUSES = [
  'uploaded',
  'queued',
  'running',
  'completed',
  'failed',
  'cancelled',
  'undone',
] as const;
export type TImportStatus = (typeof IMPORT_STATUSES)[number];

/** Finer step of a running import, for the progress display. */
export const IMPORT_PHASES = ['waiting', 'preparing', 'writing', 'finished'] as const;
export type TImportPhase = (typeof IMPORT_PHASES)[number];

const ZMatchKeys = z
  .array(z.enum(IMPORT_MATCH_KEYS))
  .max(5)
  .transform((keys) => [...new Set(keys)])
  .describe('Keys to match existing records on, tried in order; empty: every row is created');

/** A multipart text field holding a list: repeated fields, or one comma-separated value. */
const ZListField = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')))
  .transform((values) => values.map((v) => v.trim()).filter(Boolean));

const ZBooleanField = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', ''])])
  .transform((value) => value === true || value === 'true' || value === '1');

/** A JSON document sent as a multipart text field. */
const jsonField = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'Not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

/** Reading options: leave empty to detect them from the file. */
const readingOptions = {
  encoding: z.string().trim().min(1).max(40).optional().describe('e.g. "utf-8", "utf-16le", "windows-1257"'),
  delimiter: z.enum([',', ';', '\t', '|']).optional(),
  sheet: z.string().trim().min(1).max(100).optional().describe('Excel sheet name; default: the first'),
};

/**
 * The text fields of `POST /api/v1/imports` (multipart; the file part is `file`). With a
 * `mapping` and no `dryRun` the import starts at once; otherwise it waits in `uploaded`.
 */
export const ZCreateImportFields = z.strictObject({
  objectType: ZImportObjectType,
  mapping: jsonField(ZImportMapping).optional(),
  match: ZListField.pipe(ZMatchKeys).optional(),
  mode: z.enum(IMPORT_MODES).default('skip'),
  dryRun: ZBooleanField.default(false),
  ...readingOptions,
});
export type TCreateImportFields = z.infer<typeof ZCreateImportFields>;

export const ZImportShape = z.object({
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  sheet: z.string().nullable(),
  headers: z.array(z.string()),
});
export type TImportShape = z.infer<typeof ZImportShape>;

export const ZImportRowError = z.object({
  row: z.number().int().describe('Row number in the file (the header is row 1)'),
  column: z.string().nullable(),
  reason: z.string(),
});

export const ZImport = z
  .object({
    id: z.string(),
    objectType: ZImportObjectType,
    fileName: z.string(),
    fileSize: z.number().int().describe('Bytes'),
    status: z.enum(IMPORT_STATUSES),
    phase: z.enum(IMPORT_PHASES),
    shape: ZImportShape.nullable().describe(
      'Detected (or chosen) format, encoding, delimiter, sheet, headers',
    ),
    sampleRows: z.array(z.array(z.string())).describe('The first rows as read, for the mapping step'),
    mapping: ZImportMapping.nullable(),
    isMappingSuggested: z.boolean().describe("True while the mapping is Kap's suggestion, not a chosen one"),
    match: z.array(z.enum(IMPORT_MATCH_KEYS)),
    mode: z.enum(IMPORT_MODES),
    processed: z.number().int().describe('Rows done (every row is created, updated, skipped or rejected)'),
    total: z
      .number()
      .int()
      .nullable()
      .describe('Rows in the file: an estimate from the bytes read until done'),
    bytesProcessed: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    skipped: z.number().int(),
    rejected: z.number().int(),
    rowsPerSecond: z.number().nullable(),
    etaSeconds: z.number().nullable(),
    percent: z.number().describe('0..100'),
    createdFields: z.array(z.string()).describe('Keys of custom fields this import created'),
    errors: z.array(ZImportRowError).describe('The first rejected rows (all of them: GET …/rejected)'),
    failureReason: z.string().nullable(),
    cancelRequested: z.boolean(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    undoneAt: z.string().nullable(),
  })
  .meta({ id: 'Import' });
export type TImport = z.infer<typeof ZImport>;

export const ZImportSummary = ZImport.pick({
  id: true,
  objectType: true,
  fileName: true,
  fileSize: true,
  status: true,
  phase: true,
  processed: true,
  total: true,
  created: true,
  updated: true,
  skipped: true,
  rejected: true,
  rowsPerSecond: true,
  etaSeconds: true,
  percent: true,
  createdBy: true,
  createdAt: true,
  finishedAt: true,
}).meta({ id: 'ImportSummary' });
export type TImportSummary = z.infer<typeof ZImportSummary>;

export const ZListImportsQuery = ZListQuery.extend({
  objectType: ZImportObjectType.optional(),
});
export const ZImportList = listResponse(ZImportSummary);

export const ZUpdateImportMappingRequest = z.strictObject({
  mapping: ZImportMapping,
  match: ZMatchKeys.optional(),
  mode: z.enum(IMPORT_MODES).optional(),
});
export type TUpdateImportMappingRequest = z.infer<typeof ZUpdateImportMappingRequest>;

/** Preview runs over the first `limit` rows of the file; nothing is written. */
export const ZImportPreviewRequest = z.strictObject({
  limit: z.number().int().min(1).max(10_000).default(1000),
  rows: z.number().int().min(0).max(100).default(20).describe('How many rows to return'),
});
export type TImportPreviewRequest = z.infer<typeof ZImportPreviewRequest>;

export const IMPORT_ROW_OUTCOMES = ['create', 'update', 'skip', 'reject'] as const;
export type TImportRowOutcome = (typeof IMPORT_ROW_OUTCOMES)[number];

export const ZImportPreviewRow = z.object({
  row: z.number().int(),
  outcome: z.enum(IMPORT_ROW_OUTCOMES),
  values: z.record(z.string(), z.unknown()).nullable().describe('The record as it will be stored'),
  matchedId: z.string().nullable().describe('The existing record an update or skip refers to'),
  reason: z.string().nullable(),
  column: z.string().nullable(),
});
export type TImportPreviewRow = z.infer<typeof ZImportPreviewRow>;

export const ZImportPreview = z
  .object({
    rows: z.array(ZImportPreviewRow),
    examined: z.number().int().describe('Rows the counts cover'),
    isWholeFile: z.boolean().describe('False when the file has more rows than were examined'),
    created: z.number().int(),
    updated: z.number().int(),
    skipped: z.number().int(),
    rejected: z.number().int(),
    newFields: z.array(z.string()).describe('Custom fields the import would create'),
  })
  .meta({ id: 'ImportPreview' });
export type TImportPreview = z.infer<typeof ZImportPreview>;

export const ZImportUndoConflict = z.object({
  recordId: z.string(),
  reason: z.string(),
});

/** A saved mapping, reused for files of the same layout. */
export const ZCreateImportMappingPresetRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  objectType: ZImportObjectType,
  mapping: ZImportMapping,
});
export type TCreateImportMappingPresetRequest = z.infer<typeof ZCreateImportMappingPresetRequest>;

export const ZImportMappingPreset = z
  .object({
    id: z.string(),
    name: z.string(),
    objectType: ZImportObjectType,
    mapping: ZImportMapping,
    createdBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'ImportMappingPreset' });
export type TImportMappingPreset = z.infer<typeof ZImportMappingPreset>;

export const ZListImportMappingPresetsQuery = z.object({
  objectType: ZImportObjectType.optional(),
});
export const ZImportMappingPresetList = z.object({ data: z.array(ZImportMappingPreset) });
