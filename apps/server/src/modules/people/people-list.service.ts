import { normalizePhoneNumber, type TListPeopleQuery, type TPerson } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { assertCanRead, type TActor, visibleOwnerIdsOf } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { toPage } from '../../lib/pagination.ts';
import { buildCustomFieldFilter, phoneError } from '../custom-fields/index.ts';
import { resolveListCriteria } from '../views/index.ts';
import { selectPeoplePage, type TIdentifierFilter } from './people.repository.ts';
import { getDefaultCountry } from './people-settings.service.ts';
import { toPeople } from './person-view.ts';

const invalidQuery = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', `Invalid query.${field}: ${message}`, [
    { path: `query.${field}`, message },
  ]);

/** `email`, `phone` or `externalId` in the query, as the lookup row it must match. */
async function readIdentifierFilter(
  trx: TTrx,
  actor: TActor,
  query: TListPeopleQuery,
): Promise<TIdentifierFilter | undefined> {
  if (query.email) return { kind: 'email', source: '', value: query.email.toLowerCase() };
  if (query.phone) {
    const defaultCountry = await getDefaultCountry(trx, actor.workspaceId);
    const number = normalizePhoneNumber(query.phone, defaultCountry);
    if (!number) throw invalidQuery('phone', phoneError(defaultCountry));
    return { kind: 'phone', source: '', value: number };
  }
  if (query.externalId) {
    const colon = query.externalId.indexOf(':');
    if (colon < 1 || colon === query.externalId.length - 1)
      throw invalidQuery('externalId', 'Must be source:id');
    return {
      kind: 'externalId',
      source: query.externalId.slice(0, colon),
      value: query.externalId.slice(colon + 1),
    };
  }
  return undefined;
}

export async function listPeople(
  trx: TTrx,
  actor: TActor,
  query: TListPeopleQuery,
  customFieldFilters: Record<string, string> = {},
): Promise<{ data: TPerson[]; nextCursor: string | null }> {
  assertCanRead(actor, 'people');
  const criteria = await resolveListCriteria(trx, actor, 'person', query);
  const context = { getDefaultCountry: () => getDefaultCountry(trx, actor.workspaceId) };
  const rows = await selectPeoplePage(
    trx,
    {
      workspaceId: actor.workspaceId,
      ownerId: query.ownerId,
      visibleOwnerIds: visibleOwnerIdsOf(actor),
      q: query.q,
      companyId: query.companyId,
      lifecycleStage: query.lifecycleStage,
      tag: query.tag,
      identifier: await readIdentifierFilter(trx, actor, query),
      customFields: await buildCustomFieldFilter(
        trx,
        actor.workspaceId,
        'person',
        customFieldFilters,
        context,
      ),
      where: criteria.where,
    },
    criteria.sort,
    query.limit,
    query.cursor,
  );
  const page = toPage(rows, query.limit, (row) => row, criteria.cursorOf);
  return {
    data: await toPeople(trx, actor.workspaceId, page.data, query.includeArchivedFields),
    nextCursor: page.nextCursor,
  };
}
