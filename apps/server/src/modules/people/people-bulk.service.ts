import type { TPeopleBulkRequest } from '@kap/shared';
import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { assertCanWrite, type TActor, visibleOwnerIdsOf } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import {
  compileFilter,
  runBulkDelete,
  runBulkUpdate,
  type TBulkChange,
  type TBulkTarget,
} from '../../lib/filters/index.ts';
import { isUuid, newId } from '../../lib/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { loadPeopleFields } from './people-filter-fields.ts';
import { matchesPeopleSearch } from './people-search-condition.ts';
import { assertLifecycleStage } from './people-settings.service.ts';
import { assertOwnerIsMember } from './person-input.ts';

/** What a bulk delete keeps of each person in its audit entry (the fields people are found by). */
const DELETED_SNAPSHOT = sql`jsonb_build_object(
  'firstName', people.first_name, 'lastName', people.last_name, 'displayName', people.display_name_sort,
  'emails', people.emails, 'phones', people.phones, 'ownerId', people.owner_id,
  'lifecycleStage', people.lifecycle_stage, 'tags', people.tags, 'externalIds', people.external_ids,
  'customFields', people.custom_fields)`;

async function toChange(trx: TTrx, actor: TActor, request: TPeopleBulkRequest): Promise<TBulkChange | null> {
  const value = request.value ?? null;
  switch (request.action) {
    case 'addTag':
    case 'removeTag':
      return { kind: request.action, tag: value ?? '' };
    case 'setOwner':
      if (value !== null && !isUuid(value)) {
        throw new AppError('VALIDATION_FAILED', 'Invalid value: must be a user id or null', [
          { path: 'value', message: 'Must be a user id or null' },
        ]);
      }
      await assertOwnerIsMember(trx, actor, value);
      return { kind: 'setColumn', column: 'owner_id', field: 'ownerId', value, cast: 'uuid' };
    case 'setLifecycleStage':
      await assertLifecycleStage(trx, actor.workspaceId, value);
      return { kind: 'setColumn', column: 'lifecycle_stage', field: 'lifecycleStage', value, cast: 'text' };
    default:
      return null;
  }
}

/**
 * A bulk action on given ids (ids of other workspaces, or outside the actor's record scope, are
 * skipped: `affected` counts what changed) or on a whole filtered result, as one set-based
 * statement in the request's transaction. Audit: one summary entry `person.bulkUpdate` /
 * `person.bulkDelete` with the criteria and count, and one entry per changed person.
 */
export async function bulkUpdatePeople(
  trx: TTrx,
  actor: TActor,
  request: TPeopleBulkRequest,
): Promise<{ affected: number }> {
  assertCanWrite(actor, 'people');
  const target: TBulkTarget = {
    table: 'people',
    recordType: 'person',
    ids: request.ids ? request.ids.filter(isUuid).map((id) => id.toLowerCase()) : undefined,
    where: request.filter
      ? compileFilter(request.filter, await loadPeopleFields(trx, actor.workspaceId), 'filter')
      : undefined,
    search: request.filter && request.q ? matchesPeopleSearch(request.q) : undefined,
    ownerIds: visibleOwnerIdsOf(actor),
  };
  const change = await toChange(trx, actor, request);
  const affected = change
    ? await runBulkUpdate(trx, actor, target, change)
    : await runBulkDelete(trx, actor, target, DELETED_SNAPSHOT);
  await recordAudit(trx, actor, {
    action: request.action === 'delete' ? 'person.bulkDelete' : 'person.bulkUpdate',
    recordType: 'person',
    recordId: newId(),
    after: {
      action: request.action,
      value: request.value ?? null,
      affected,
      idCount: request.ids?.length ?? null,
      filter: request.filter ?? null,
      q: request.q || null,
    },
  });
  return { affected };
}
