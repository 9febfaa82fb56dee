import type { TImport, TImportObjectType } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, type TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import {
  deleteImportedActivities,
  selectActivitiesForImport,
  selectImportedActivitiesChangedSince,
  type TImportedActivityFields,
  updateImportedActivities,
} from '../activities/index.ts';
import { recordAudit } from '../audit/index.ts';
import {
  deleteImportedCompanies,
  selectCompaniesForImport,
  selectImportedCompaniesChangedSince,
  type TImportedCompany,
  updateImportedCompanies,
} from '../companies/index.ts';
import {
  deleteImportedPeople,
  restoreImportedPeople,
  selectImportedPeopleChangedSince,
  selectPeopleForImport,
  type TImportedPerson,
} from '../people/index.ts';
import { importMarker } from './import-runner.ts';
import { PRODUCT_ORDER_UNDO } from './import-undo-products-orders.ts';
import { selectUpdateImages, updateImport } from './imports.repository.ts';
import { assertCanImport, getImport, getImportRow } from './imports.service.ts';

const PAGE = 5000;
const MAX_NAMED = 20;

type TConflict = { recordId: string; reason: string };

/** How undo reads (for versions) and restores the records an import of this type updated. */
type TUpdatedRecords = {
  select: (trx: TTrx, workspaceId: string, ids: string[]) => Promise<{ id: string; version: number }[]>;
  restore: (
    trx: TTrx,
    workspaceId: string,
    befores: Record<string, unknown>[],
    by: string,
  ) => Promise<unknown>;
};

/** By object type; a type an import only ever creates needs no entry. */
const UPDATED_RECORDS: Partial<Record<TImportObjectType, TUpdatedRecords>> = {
  person: {
    select: selectPeopleForImport,
    restore: (trx, workspaceId, befores, by) =>
      restoreImportedPeople(trx, workspaceId, befores as unknown as TImportedPerson[], by),
  },
  company: {
    select: selectCompaniesForImport,
    restore: (trx, workspaceId, befores, by) =>
      updateImportedCompanies(trx, workspaceId, befores as unknown as TImportedCompany[], by),
  },
  product: PRODUCT_ORDER_UNDO.product,
  order: PRODUCT_ORDER_UNDO.order,
  activity: {
    select: selectActivitiesForImport,
    restore: (trx, workspaceId, befores, by) =>
      updateImportedActivities(
        trx,
        workspaceId,
        befores as unknown as (TImportedActivityFields & { id: string })[],
        by,
      ),
  },
};

/** Records the import updated that changed since (their version moved past the import's). */
async function findChangedUpdates(
  trx: TTrx,
  actor: TActor,
  importId: string,
  records: TUpdatedRecords | undefined,
): Promise<TConflict[]> {
  const conflicts: TConflict[] = [];
  if (!records) return conflicts;
  let after: string | null = null;
  for (;;) {
    const images = await selectUpdateImages(trx, actor.workspaceId, importId, after, PAGE);
    if (images.length === 0) break;
    after = images.at(-1)?.recordId ?? null;
    const ids = images.map((i) => i.recordId);
    const current = await records.select(trx, actor.workspaceId, ids);
    const versions = new Map(current.map((r) => [r.id, r.version]));
    for (const image of images) {
      const version = versions.get(image.recordId);
      if (version !== undefined && version !== image.versionAfter) {
        conflicts.push({ recordId: image.recordId, reason: 'Updated by the import and changed since' });
        if (conflicts.length >= MAX_NAMED) return conflicts;
      }
    }
    if (images.length < PAGE) break;
  }
  return conflicts;
}

/**
 * Undoes an import while nothing else has changed what it wrote: its created records are
 * deleted (and the companies it created for people rows), its updated records get their
 * before-images back. Anything changed since → 409 naming the records, and nothing is undone.
 */
export async function undoImport(trx: TTrx, actor: TActor, id: string): Promise<TImport> {
  const row = await getImportRow(trx, actor, id, true);
  assertCanImport(actor, row.objectType);
  if (!['completed', 'cancelled', 'failed'].includes(row.status)) {
    throw new AppError('CONFLICT', `Cannot undo an import that is ${row.status}`, [
      { path: 'status', message: `Is ${row.status}` },
    ]);
  }
  const marker = importMarker(id);
  const isPerson = row.objectType === 'person';
  const updatedRecords = UPDATED_RECORDS[row.objectType];
  const conflicts: TConflict[] = [
    ...(isPerson
      ? await selectImportedPeopleChangedSince(trx, actor.workspaceId, marker, MAX_NAMED)
      : []
    ).map((recordId) => ({
      recordId,
      reason: 'Person created by the import and changed since',
    })),
    ...(await selectImportedCompaniesChangedSince(trx, actor.workspaceId, marker, MAX_NAMED)).map(
      (recordId) => ({
        recordId,
        reason: 'Company created by the import and changed since',
      }),
    ),
    ...(row.objectType === 'activity'
      ? await selectImportedActivitiesChangedSince(trx, actor.workspaceId, marker, MAX_NAMED)
      : []
    ).map((recordId) => ({ recordId, reason: 'Activity created by the import and changed since' })),
    ...(await findChangedUpdates(trx, actor, id, updatedRecords)),
  ];
  const productOrOrder =
    row.objectType === 'product' || row.objectType === 'order' ? PRODUCT_ORDER_UNDO[row.objectType] : null;
  if (productOrOrder) {
    conflicts.unshift(...(await productOrOrder.changedSince(trx, actor.workspaceId, marker, MAX_NAMED)));
  }
  if (conflicts.length > 0) {
    throw new AppError(
      'CONFLICT',
      `The import cannot be undone: ${conflicts.length >= MAX_NAMED ? 'at least ' : ''}${conflicts.length} of its records changed since`,
      conflicts.slice(0, MAX_NAMED).map((c) => ({ path: `records.${c.recordId}`, message: c.reason })),
    );
  }
  const deletedPeople = isPerson ? await deleteImportedPeople(trx, actor.workspaceId, marker) : 0;
  const deletedActivities =
    row.objectType === 'activity' ? await deleteImportedActivities(trx, actor.workspaceId, marker) : 0;
  const deletedCompanies = await deleteImportedCompanies(trx, actor.workspaceId, marker);
  const deletedRecords = productOrOrder
    ? await productOrOrder.deleteCreated(trx, actor.workspaceId, marker)
    : 0;
  let restored = 0;
  let after: string | null = null;
  while (updatedRecords) {
    const images = await selectUpdateImages(trx, actor.workspaceId, id, after, PAGE);
    if (images.length === 0) break;
    after = images.at(-1)?.recordId ?? null;
    // Records the import both created and then updated are gone already; so are deleted ones.
    const ids = images.map((i) => i.recordId);
    const existing = new Set((await updatedRecords.select(trx, actor.workspaceId, ids)).map((r) => r.id));
    const befores = images
      .filter((i) => existing.has(i.recordId))
      .map((i) => ({ ...i.before, id: i.recordId }));
    await updatedRecords.restore(trx, actor.workspaceId, befores, actorId(actor));
    restored += befores.length;
    if (images.length < PAGE) break;
  }
  await updateImport(trx, actor.workspaceId, id, { status: 'undone', undoneAt: new Date() });
  await recordAudit(trx, actor, {
    action: 'import.undo',
    recordType: 'import',
    recordId: id,
    after: {
      deletedPeople,
      deletedCompanies,
      deletedActivities,
      ...(productOrOrder && { [`deleted${productOrOrder.label}s`]: deletedRecords }),
      restored,
    },
  });
  return getImport(trx, actor, id);
}
