import type { TCreateImportMappingPresetRequest, TImportMappingPreset } from '@kap/shared';
import type { Selectable } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, type TActor } from '../../lib/actor.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { isUuid, newId } from '../../lib/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { assertCanImport } from './imports.service.ts';
import type { TImportMappingPresetsTable } from './imports.table.ts';

const toPreset = (row: Selectable<TImportMappingPresetsTable>): TImportMappingPreset => ({
  id: row.id,
  name: row.name,
  objectType: row.objectType,
  mapping: row.mapping,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
});

export async function listMappingPresets(
  trx: TTrx,
  actor: TActor,
  query: { objectType?: TImportMappingPreset['objectType'] | undefined },
): Promise<{ data: TImportMappingPreset[] }> {
  assertCanImport(actor);
  let select = trx
    .selectFrom('importMappingPresets')
    .selectAll()
    .where('workspaceId', '=', actor.workspaceId);
  if (query.objectType) select = select.where('objectType', '=', query.objectType);
  // A workspace keeps a handful of these; the list is bounded by what people save by hand.
  const rows = await select.orderBy('name').orderBy('id').limit(500).execute();
  return { data: rows.map(toPreset) };
}

export async function createMappingPreset(
  trx: TTrx,
  actor: TActor,
  input: TCreateImportMappingPresetRequest,
): Promise<TImportMappingPreset> {
  assertCanImport(actor);
  const row = await trx
    .insertInto('importMappingPresets')
    .values({
      workspaceId: actor.workspaceId,
      id: newId(),
      name: input.name,
      objectType: input.objectType,
      mapping: JSON.stringify(input.mapping),
      createdBy: actorId(actor),
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) {
    throw new AppError('DUPLICATE', `A saved mapping "${input.name}" exists`, [
      { path: 'name', message: 'Already used' },
    ]);
  }
  await recordAudit(trx, actor, {
    action: 'importMapping.create',
    recordType: 'importMapping',
    recordId: row.id,
    after: { name: row.name, objectType: row.objectType },
  });
  return toPreset(row);
}

export async function deleteMappingPreset(trx: TTrx, actor: TActor, id: string): Promise<void> {
  assertCanImport(actor);
  const row = isUuid(id)
    ? await trx
        .deleteFrom('importMappingPresets')
        .where('workspaceId', '=', actor.workspaceId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst()
    : undefined;
  if (!row) throw notFound('Saved mapping');
  await recordAudit(trx, actor, {
    action: 'importMapping.delete',
    recordType: 'importMapping',
    recordId: id,
    before: { name: row.name },
  });
}
