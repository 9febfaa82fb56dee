import type {
  TCreateCustomFieldRequest,
  TCustomField,
  TListCustomFieldsQuery,
  TUpdateCustomFieldRequest,
} from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, assertCapability, type TActor } from '../../lib/actor.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { isUuid, newId } from '../../lib/ids.ts';
import { assertFreshVersion } from '../../lib/if-match.ts';
import { recordAudit } from '../audit/index.ts';
import {
  selectFieldByKey,
  selectFieldDefinition,
  selectFieldDefinitions,
  type TCustomFieldRow,
} from './custom-fields.repository.ts';
import { getRecordType } from './record-types.ts';

export function toCustomField(row: TCustomFieldRow): TCustomField {
  return {
    id: row.id,
    objectType: row.objectType,
    key: row.key,
    label: row.label,
    type: row.type,
    options: row.options,
    relation: row.relationObjectType ? { objectType: row.relationObjectType } : null,
    isArchived: row.isArchived,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const snapshotOf = (field: TCustomField) => ({
  objectType: field.objectType,
  key: field.key,
  label: field.label,
  type: field.type,
  options: field.options,
  relation: field.relation,
  isArchived: field.isArchived,
});

const duplicateKey = (key: string) =>
  new AppError('DUPLICATE', `A custom field with the key "${key}" already exists for this object type`, [
    { path: 'key', message: 'Already used by another custom field of this object type' },
  ]);

const isUniqueViolation = (error: unknown) => (error as { code?: unknown }).code === '23505';

/** Any member may read the definitions: forms and lists need them to show the values. */
export async function listCustomFields(trx: TTrx, actor: TActor, query: TListCustomFieldsQuery) {
  const rows = await selectFieldDefinitions(trx, actor.workspaceId, query);
  return { data: rows.map(toCustomField) };
}

async function getRow(trx: TTrx, actor: TActor, id: string, forUpdate = false): Promise<TCustomFieldRow> {
  const row = isUuid(id) ? await selectFieldDefinition(trx, actor.workspaceId, id, forUpdate) : undefined;
  if (!row) throw notFound('Custom field');
  return row;
}

export async function getCustomField(trx: TTrx, actor: TActor, id: string): Promise<TCustomField> {
  return toCustomField(await getRow(trx, actor, id));
}

export async function createCustomField(
  trx: TTrx,
  actor: TActor,
  input: TCreateCustomFieldRequest,
): Promise<TCustomField> {
  assertCapability(actor, 'settings:manage');
  if (await selectFieldByKey(trx, actor.workspaceId, input.objectType, input.key))
    throw duplicateKey(input.key);
  if (input.relation) getRecordType(input.relation.objectType);
  const now = new Date();
  const row = await trx
    .insertInto('customFields')
    .values({
      workspaceId: actor.workspaceId,
      id: newId(),
      objectType: input.objectType,
      key: input.key,
      label: input.label,
      type: input.type,
      options: input.options ? JSON.stringify(input.options) : null,
      relationObjectType: input.relation?.objectType ?? null,
      createdAt: now,
      updatedAt: now,
      createdBy: actorId(actor),
      updatedBy: actorId(actor),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      // Two admins creating the same key at the same moment: the unique index decides.
      throw isUniqueViolation(error) ? duplicateKey(input.key) : error;
    });
  const field = toCustomField(row);
  await recordAudit(trx, actor, {
    action: 'customField.create',
    recordType: 'customField',
    recordId: field.id,
    after: snapshotOf(field),
  });
  return field;
}

/** Renaming changes the label only: records and filters use the key, which stays. */
export async function updateCustomField(
  trx: TTrx,
  actor: TActor,
  id: string,
  input: TUpdateCustomFieldRequest,
  expectedVersion: number | null,
): Promise<TCustomField> {
  assertCapability(actor, 'settings:manage');
  const current = await getRow(trx, actor, id, true);
  assertFreshVersion('custom field', current.version, expectedVersion);
  const isSelect = current.type === 'select' || current.type === 'multiSelect';
  if (input.options && !isSelect) {
    throw new AppError('VALIDATION_FAILED', 'Only select fields have options', [
      { path: 'options', message: 'Only select fields have options' },
    ]);
  }
  const row = await trx
    .updateTable('customFields')
    .set({
      ...(input.label !== undefined && { label: input.label }),
      ...(input.options !== undefined && { options: JSON.stringify(input.options) }),
      ...(input.isArchived !== undefined && { isArchived: input.isArchived }),
      version: current.version + 1,
      updatedAt: new Date(),
      updatedBy: actorId(actor),
    })
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const after = toCustomField(row);
  await recordAudit(trx, actor, {
    action: 'customField.update',
    recordType: 'customField',
    recordId: id,
    before: snapshotOf(toCustomField(current)),
    after: snapshotOf(after),
  });
  return after;
}

/**
 * Deleting, unlike archiving, drops the values from every record too: a field created later
 * with the same key must not find old values of another type.
 */
export async function deleteCustomField(
  trx: TTrx,
  actor: TActor,
  id: string,
  expectedVersion: number | null,
): Promise<void> {
  assertCapability(actor, 'settings:manage');
  const current = await getRow(trx, actor, id, true);
  assertFreshVersion('custom field', current.version, expectedVersion);
  await getRecordType(current.objectType).removeCustomFieldValues(trx, actor.workspaceId, current.key);
  await trx
    .deleteFrom('customFields')
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', id)
    .execute();
  await recordAudit(trx, actor, {
    action: 'customField.delete',
    recordType: 'customField',
    recordId: id,
    before: snapshotOf(toCustomField(current)),
  });
}
