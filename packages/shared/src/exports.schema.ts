import { z } from 'zod';
import { BULK_ID_LIMIT, LIST_SORT, ZFilter, ZFilterParam } from './filters.schema.ts';

export const EXPORT_OBJECT_TYPES = ['person', 'company'] as const;
export type TExportObjectType = (typeof EXPORT_OBJECT_TYPES)[number];

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type TExportFormat = (typeof EXPORT_FORMATS)[number];

/** A column key: a list field (`firstName`, `emails`, `customFields.score`) or an export-only one. */
const ZColumnKey = z.string().min(1).max(120);

const ZColumns = z
  .union([z.literal('visible'), z.literal('all'), z.array(ZColumnKey).min(1).max(300)])
  .describe(
    '"visible": the view\'s columns (or the list\'s default ones); "all": every field, custom fields included; or column keys in order',
  );

const ZSort = z.string().regex(LIST_SORT, 'A field name, "-" first for descending');

const exportFields = {
  objectType: z.enum(EXPORT_OBJECT_TYPES),
  viewId: z.uuid().optional().describe('A saved view: its filter, sort and columns'),
  sort: ZSort.optional().describe("As the list `sort`; overrides the view's"),
  q: z.string().trim().max(200).optional().describe("The list's search box text"),
  format: z.enum(EXPORT_FORMATS).default('csv'),
};

export const ZExportRequest = z
  .strictObject({
    ...exportFields,
    filter: ZFilter.optional().describe("As the list `filter`; overrides the view's"),
    ids: z
      .array(z.uuid())
      .min(1)
      .max(BULK_ID_LIMIT)
      .optional()
      .describe("Only these records (a selection), still within the filter and the actor's visibility"),
    columns: ZColumns.default('visible'),
    bom: z.boolean().default(false).describe('CSV: start with a UTF-8 byte order mark (for Excel)'),
  })
  .meta({ id: 'ExportRequest' });
export type TExportRequest = z.infer<typeof ZExportRequest>;

/** The same as a query string, for a plain download link: filter as JSON text, columns comma-separated. */
export const ZExportDownloadQuery = z.object({
  ...exportFields,
  filter: ZFilterParam.optional(),
  ids: z
    .string()
    .max(BULK_ID_LIMIT * 37)
    .optional()
    .describe('Comma-separated record ids'),
  columns: z
    .string()
    .min(1)
    .max(20_000)
    .default('visible')
    .describe('"visible", "all", or comma-separated column keys'),
  bom: z.stringbool().default(false),
});
export type TExportDownloadQuery = z.infer<typeof ZExportDownloadQuery>;

/** The file name an export gets: kap-people-2026-11-23.csv */
export function exportFileName(
  objectType: TExportObjectType,
  format: TExportFormat,
  date = new Date(),
): string {
  const what = objectType === 'person' ? 'people' : 'companies';
  return `kap-${what}-${date.toISOString().slice(0, 10)}.${format}`;
}
