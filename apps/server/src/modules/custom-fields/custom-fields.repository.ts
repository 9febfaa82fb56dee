import type { TCustomFieldObjectType } from '@kap/shared';
import { type RawBuilder, type Selectable, sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import type { TCustomFieldsTable } from './custom-fields.table.ts';

export type TCustomFieldRow = Selectable<TCustomFieldsTable>;

export async function selectFieldDefinitions(
  trx: TTrx,
  workspaceId: string,
  filter: { objectType?: TCustomFieldObjectType | undefined; includeArchived?: boolean | undefined } = {},
): Promise<TCustomFieldRow[]> {
  let query = trx.selectFrom('customFields').selectAll().where('workspaceId', '=', workspaceId);
  if (filter.objectType) query = query.where('objectType', '=', filter.objectType);
  if (!filter.includeArchived) query = query.where('isArchived', '=', false);
  return query.orderBy('objectType').orderBy('createdAt').orderBy('id').execute();
}

/**
 * The keys `loadVisibleFieldKeys` reads, as a scalar subquery (text[]), so that a module can read
 * them in the same round trip as its records: always current, nothing to cache or invalidate.
 */
export function visibleFieldKeysSql(
  workspaceId: string,
  objectType: TCustomFieldObjectType,
  includeArchived: boolean,
): RawBuilder<string[]> {
  return sql<string[]>`(select coalesce(array_agg(f.key), '{}') from custom_fields f
     where f.workspace_id = ${workspaceId} and f.object_type = ${objectType}${includeArchived ? sql`` : sql` and not f.is_archived`})`;
}

export async function selectFieldDefinition(
  trx: TTrx,
  workspaceId: string,
  id: string,
  forUpdate = false,
): Promise<TCustomFieldRow | undefined> {
  let query = trx
    .selectFrom('customFields')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function selectFieldByKey(
  trx: TTrx,
  workspaceId: string,
  objectType: TCustomFieldObjectType,
  key: string,
): Promise<TCustomFieldRow | undefined> {
  return trx
    .selectFrom('customFields')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('objectType', '=', objectType)
    .where('key', '=', key)
    .executeTakeFirst();
}
