import type { TMergeCompaniesResponse, TMergeRequest } from '@kap/shared';
import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, assertCanWrite, type TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { assertFreshVersion } from '../../lib/if-match.ts';
import { recordAudit } from '../audit/index.ts';
import { loadVisibleFieldKeys } from '../custom-fields/index.ts';
import {
  assertAllFound,
  assertMergeRequest,
  insertMergeRedirects,
  runMergeHandlers,
} from '../merges/index.ts';
import { isVisible } from '../people/index.ts';
import { COMPANY_COLUMNS, selectAncestry, selectCompany, type TCompanyRow } from './companies.repository.ts';
import { snapshotOf, toCompany } from './companies.service.ts';
import { deleteCompanyExternalIds, replaceCompanyExternalIds } from './company-external-ids.repository.ts';
import { COMPANY_MERGE_FIELDS, mergeCompanyValues } from './company-merge.values.ts';

/** The same lock as company-rules' parent checks: the tree changes one writer at a time. */
async function lockCompanyTree(trx: TTrx, workspaceId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`company-tree:${workspaceId}`}, 0))`.execute(trx);
}

async function lockCompanies(
  trx: TTrx,
  actor: TActor,
  ids: readonly string[],
): Promise<Map<string, TCompanyRow>> {
  const rows = await trx
    .selectFrom('companies')
    .select(COMPANY_COLUMNS)
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', 'in', [...ids])
    .orderBy('id')
    .forUpdate()
    .execute();
  return new Map(rows.filter((row) => isVisible(actor, row.ownerId)).map((row) => [row.id, row]));
}

/** Subsidiaries of the merged companies now hang under the survivor; each is audited. */
async function reparentChildren(trx: TTrx, actor: TActor, mergedIds: readonly string[], survivorId: string) {
  const children = await trx
    .selectFrom('companies')
    .select(['id', 'parentCompanyId'])
    .where('workspaceId', '=', actor.workspaceId)
    .where('parentCompanyId', 'in', [...mergedIds])
    .where('id', 'not in', [survivorId, ...mergedIds])
    .forUpdate()
    .execute();
  if (children.length === 0) return 0;
  await trx
    .updateTable('companies')
    .set((eb) => ({
      parentCompanyId: survivorId,
      version: eb('version', '+', 1),
      updatedAt: new Date(),
      updatedBy: actorId(actor),
    }))
    .where('workspaceId', '=', actor.workspaceId)
    .where(
      'id',
      'in',
      children.map((child) => child.id),
    )
    .execute();
  for (const child of children) {
    await recordAudit(trx, actor, {
      action: 'company.update',
      recordType: 'company',
      recordId: child.id,
      before: { parentCompanyId: child.parentCompanyId },
      after: { parentCompanyId: survivorId },
    });
  }
  return children.length;
}

/**
 * Merges companies into one survivor, in the caller's transaction (all or nothing): chosen or
 * filled-in values, unioned domains/tags/addresses; subsidiaries, people's links, activities,
 * tasks, relation custom fields and whatever later modules registered move to it; the merged
 * companies are deleted and their ids resolve to the survivor.
 */
export async function mergeCompanies(
  trx: TTrx,
  actor: TActor,
  request: TMergeRequest,
  expectedVersion: number | null,
): Promise<TMergeCompaniesResponse> {
  assertCanWrite(actor, 'companies');
  assertMergeRequest(request, COMPANY_MERGE_FIELDS);
  const { survivorId, mergedIds } = request;
  const choices = request.fieldChoices ?? {};
  await lockCompanyTree(trx, actor.workspaceId);
  const rowsById = await lockCompanies(trx, actor, [survivorId, ...mergedIds]);
  assertAllFound(request, new Set(rowsById.keys()), 'company');
  const rows = [survivorId, ...mergedIds].flatMap((id) => rowsById.get(id) ?? []);
  const survivor = rows[0];
  if (!survivor) throw new AppError('NOT_FOUND', 'Company not found');
  assertFreshVersion('surviving company', survivor.version, expectedVersion);
  // Every custom field value, archived ones too: archiving hides data, it does not drop it.
  const records = rows.map((row) => toCompany(row, new Set(Object.keys(row.customFields))));
  const values = mergeCompanyValues(records, choices);

  const children = await reparentChildren(trx, actor, mergedIds, survivorId);
  if (
    values.parentCompanyId &&
    (await selectAncestry(trx, actor.workspaceId, values.parentCompanyId)).includes(survivorId)
  ) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Invalid fieldChoices.parentCompanyId: the parent would be a subsidiary of the merged company',
      [{ path: 'fieldChoices.parentCompanyId', message: 'Would make the company its own ancestor' }],
    );
  }
  // The merged companies' external ids are freed first: the survivor takes them over.
  await deleteCompanyExternalIds(trx, actor.workspaceId, mergedIds);
  await replaceCompanyExternalIds(trx, actor.workspaceId, [
    { id: survivorId, externalIds: values.externalIds },
  ]);
  await trx
    .updateTable('companies')
    .set({
      ...values,
      addresses: JSON.stringify(values.addresses),
      externalIds: JSON.stringify(values.externalIds),
      customFields: JSON.stringify(values.customFields),
      version: survivor.version + 1,
      updatedAt: new Date(),
      updatedBy: actorId(actor),
    })
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', survivorId)
    .execute();

  const moved = {
    subsidiaries: children,
    ...(await runMergeHandlers(trx, actor, { recordType: 'company', fromIds: mergedIds, toId: survivorId })),
  };
  await insertMergeRedirects(trx, actor.workspaceId, {
    recordType: 'company',
    fromIds: mergedIds,
    toId: survivorId,
    mergedBy: actorId(actor),
  });
  await trx
    .deleteFrom('companies')
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', 'in', [...mergedIds])
    .execute();

  // Handlers may have touched the survivor (a relation field pointing at a merged company).
  const finalRow = await selectCompany(trx, actor.workspaceId, survivorId);
  if (!finalRow) throw new AppError('NOT_FOUND', 'Company not found');
  await recordAudit(trx, actor, {
    action: 'company.merge',
    recordType: 'company',
    recordId: survivorId,
    before: snapshotOf(survivor),
    after: snapshotOf(finalRow),
    details: { mergedIds, fieldChoices: choices, moved },
  });
  for (const row of rows.slice(1)) {
    await recordAudit(trx, actor, {
      action: 'company.mergedInto',
      recordType: 'company',
      recordId: row.id,
      // No before/after diff: the record is gone; its last state is kept beside the survivor's id.
      after: { mergedInto: survivorId, record: snapshotOf(row) },
    });
  }
  const fieldKeys = await loadVisibleFieldKeys(trx, actor.workspaceId, 'company', false);
  return { company: toCompany(finalRow, fieldKeys), mergedIds, moved };
}
