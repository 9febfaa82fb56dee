import type { TImportMatchKey, TImportMode, TImportPreview, TImportPreviewRequest } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { fieldTypeOf, type loadCustomFields, loadRowConverter } from './import-converter.ts';
import { openFileInTransaction } from './import-file.storage.ts';
import { canCutBefore, createRowGrouping } from './import-order-groups.ts';
import { importMarker, PLANNERS } from './import-runner.ts';
import { assertCanImport, getImportRow, tableShapeOf } from './imports.service.ts';
import { readTableRows, type TSourceRow } from './reading/index.ts';

type TFieldRow = Awaited<ReturnType<typeof loadCustomFields>>[number];

/**
 * A dry run over the first `limit` rows (at most 10,000): the rows as they would be stored and
 * what would happen to each — created, updated, skipped, rejected — against the records as they
 * are now. Nothing is written; custom fields the mapping would create are assumed to exist.
 */
export async function previewImport(
  trx: TTrx,
  actor: TActor,
  id: string,
  request: TImportPreviewRequest,
): Promise<TImportPreview> {
  const row = await getImportRow(trx, actor, id);
  assertCanImport(actor, row.objectType);
  const planner = PLANNERS[row.objectType];
  const shape = tableShapeOf(row);
  if (!planner)
    throw new AppError('VALIDATION_FAILED', `Importing ${row.objectType} is not supported yet`, [
      { path: 'objectType', message: 'Not supported yet' },
    ]);
  if (!row.mapping || !shape) throw new AppError('CONFLICT', 'The import has no mapping yet');
  if (!['uploaded', 'queued'].includes(row.status)) {
    throw new AppError('CONFLICT', `The file of a ${row.status} import is gone`, [
      { path: 'status', message: `Is ${row.status}` },
    ]);
  }
  const newFields = row.mapping.columns.flatMap((c) => (c.newField ? [c.newField] : []));
  const pretend = newFields.map(
    (field) =>
      ({
        workspaceId: actor.workspaceId,
        id: '00000000-0000-0000-0000-000000000000',
        objectType: fieldTypeOf(row.objectType) ?? 'person',
        key: field.key,
        label: field.label,
        // A select field's choices come from the file when the import starts: take any value now.
        type:
          (field.type === 'select' || field.type === 'multiSelect') && !field.options?.length
            ? 'text'
            : field.type,
        options: field.options?.map((o) => ({ value: o.value, label: o.label ?? o.value })) ?? null,
        relationObjectType: null,
        isArchived: false,
        version: 1,
        createdAt: new Date(),
        updatedAt: new Date(),
        createdBy: null,
        updatedBy: null,
      }) as TFieldRow,
  );
  const mapping = {
    ...row.mapping,
    columns: row.mapping.columns.map((c) =>
      c.newField ? { column: c.column, target: `cf.${c.newField.key}` } : c,
    ),
  };
  const convert = await loadRowConverter(trx, actor, row.objectType, mapping, shape.headers, pretend);
  const grouping = createRowGrouping(row.objectType, row.mapping, shape.headers);
  const rows: TSourceRow[] = [];
  let isWholeFile = true;
  for await (const source of readTableRows(openFileInTransaction(trx, actor.workspaceId, id), shape)) {
    // The preview's last order is read whole (a batch never ends inside an order either).
    if (canCutBefore(grouping, rows, source, request.limit)) {
      isWholeFile = false;
      break;
    }
    rows.push(source);
  }
  const plan = await planner(trx, rows, {
    workspaceId: actor.workspaceId,
    importId: id,
    marker: importMarker(id),
    actor,
    match: row.match as TImportMatchKey[],
    mode: row.mode as TImportMode,
    convert,
    keepValues: request.limit,
    mapping: row.mapping,
    ...(grouping && { grouping }),
  });
  return {
    rows: plan.results.sort((a, b) => a.row - b.row).slice(0, request.rows),
    examined: rows.length,
    isWholeFile,
    ...plan.counts,
    newFields: newFields.map((f) => f.key),
  };
}
