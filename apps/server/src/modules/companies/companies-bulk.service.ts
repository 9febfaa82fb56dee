import type { TCompaniesBulkRequest } from '@kap/shared';
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
import { loadCompanyFields } from './companies-filter-fields.ts';
import { matchesCompaniesSearch } from './companies-search-condition.ts';
import { assertOwnerIsMember } from './company-rules.ts';

const DELETED_SNAPSHOT = sql`jsonb_build_object(
  'name', companies.name, 'domains', companies.domains, 'industry', companies.industry,
  'ownerId', companies.owner_id, 'parentCompanyId', companies.parent_company_id, 'tags', companies.tags,
  'externalIds', companies.external_ids, 'customFields', companies.custom_fields)`;

async function toChange(
  trx: TTrx,
  actor: TActor,
  request: TCompaniesBulkRequest,
): Promise<TBulkChange | null> {
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
    default:
      return null;
  }
}

/**
 * As people's bulk actions (see people-bulk.service.ts). A deleted company's people links and
 * subsidiaries' parent go by foreign key; unlike the one-by-one delete, the people are not
 * re-versioned or audited one by one (a set-based delete of 100k companies would otherwise
 * rewrite every linked person): the company's own delete entry records it.
 */
export async function bulkUpdateCompanies(
  trx: TTrx,
  actor: TActor,
  request: TCompaniesBulkRequest,
): Promise<{ affected: number }> {
  assertCanWrite(actor, 'companies');
  const target: TBulkTarget = {
    table: 'companies',
    recordType: 'company',
    ids: request.ids ? request.ids.filter(isUuid).map((id) => id.toLowerCase()) : undefined,
    where: request.filter
      ? compileFilter(request.filter, await loadCompanyFields(trx, actor.workspaceId), 'filter')
      : undefined,
    search: request.filter && request.q ? matchesCompaniesSearch(request.q) : undefined,
    ownerIds: visibleOwnerIdsOf(actor),
  };
  const change = await toChange(trx, actor, request);
  const affected = change
    ? await runBulkUpdate(trx, actor, target, change)
    : await runBulkDelete(trx, actor, target, DELETED_SNAPSHOT);
  await recordAudit(trx, actor, {
    action: request.action === 'delete' ? 'company.bulkDelete' : 'company.bulkUpdate',
    recordType: 'company',
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
