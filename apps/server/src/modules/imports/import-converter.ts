import type { TImportMapping } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import { listFieldDefinitions } from '../custom-fields/index.ts';
import { getDefaultCountry, getLifecycleStages } from '../people/index.ts';
import { listMembers } from '../workspaces/index.ts';
import type { TConversion } from './import-batch.types.ts';
import type { TImportRow } from './imports.repository.ts';
import { compileRowConverter } from './mapping/index.ts';
import type { TSourceRow } from './reading/index.ts';

type TObjectType = TImportRow['objectType'];

const FIELD_TYPES = { person: 'person', company: 'company', product: 'product' } as const;

/** The custom-field record type of an import's object type (activities and orders have none). */
export const fieldTypeOf = (objectType: TObjectType) =>
  objectType in FIELD_TYPES ? FIELD_TYPES[objectType as keyof typeof FIELD_TYPES] : null;

/** The workspace's current custom fields of the import's record type. */
export async function loadCustomFields(trx: TTrx, workspaceId: string, objectType: TObjectType) {
  const fieldType = fieldTypeOf(objectType);
  return fieldType ? listFieldDefinitions(trx, workspaceId, { objectType: fieldType }) : [];
}

/**
 * The row converter of an import: the mapping compiled once against what the workspace holds
 * (custom fields, phone country, lifecycle stages, members by email for owner columns).
 */
export async function loadRowConverter(
  trx: TTrx,
  actor: TActor,
  objectType: TObjectType,
  mapping: TImportMapping,
  headers: readonly string[],
  extraFields: Awaited<ReturnType<typeof loadCustomFields>> = [],
): Promise<(row: TSourceRow) => TConversion> {
  const customFields = [...(await loadCustomFields(trx, actor.workspaceId, objectType)), ...extraFields];
  const members = await listMembers(trx, actor);
  const convert = compileRowConverter(objectType, mapping, {
    customFields,
    defaultCountry: mapping.options.defaultCountry ?? (await getDefaultCountry(trx, actor.workspaceId)),
    lifecycleStages: (await getLifecycleStages(trx, actor)).stages,
    memberIdsByEmail: new Map(members.map((m) => [m.email.toLowerCase(), m.userId])),
    headers,
  });
  return (row) => {
    const result = convert(row);
    return result.ok
      ? { ok: true, record: result.record }
      : { ok: false, reason: result.reason, column: result.column ?? null };
  };
}
