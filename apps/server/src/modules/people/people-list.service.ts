import { normalizePhoneNumber, type TListPeopleQuery, type TPerson } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { assertCanRead, type TActor, visibleOwnerIdsOf } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { parseExternalIdText } from '../../lib/external-ids.ts';
import { toPage } from '../../lib/pagination.ts';
import { buildCustomFieldFilter, phoneError } from '../custom-fields/index.ts';
import { resolveListCriteria, type TListCriteria } from '../views/index.ts';
import { selectPeoplePage, type TIdentifierFilter, type TPeopleFilter } from './people.repository.ts';
import { getDefaultCountry } from './people-settings.service.ts';
import { toPeopleFromRows } from './person-view.ts';

/** The list query's selecting part (no page, sort or display options). */
export type TPeopleCriteriaQuery = Omit<
  TListPeopleQuery,
  'limit' | 'cursor' | 'sort' | 'includeArchivedFields'
>;

const invalidQuery = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', `Invalid query.${field}: ${message}`, [
    { path: `query.${field}`, message },
  ]);

/** `email`, `phone` or `externalId` in the query, as the lookup row it must match. */
async function readIdentifierFilter(
  trx: TTrx,
  actor: TActor,
  query: Pick<TListPeopleQuery, 'email' | 'phone' | 'externalId'>,
): Promise<TIdentifierFilter | undefined> {
  if (query.email) return { kind: 'email', source: '', value: query.email.toLowerCase() };
  if (query.phone) {
    const defaultCountry = await getDefaultCountry(trx, actor.workspaceId);
    const number = normalizePhoneNumber(query.phone, defaultCountry);
    if (!number) throw invalidQuery('phone', phoneError(defaultCountry));
    return { kind: 'phone', source: '', value: number };
  }
  if (query.externalId) {
    const externalId = parseExternalIdText(query.externalId);
    if (!externalId) throw invalidQuery('externalId', 'Must be source:id');
    return { kind: 'externalId', source: externalId.source, value: externalId.id };
  }
  return undefined;
}

/** What a list or count query selects, as the repository's filter (the same for both). */
export async function buildPeopleFilter(
  trx: TTrx,
  actor: TActor,
  query: TPeopleCriteriaQuery,
  customFieldFilters: Record<string, string>,
  where: TListCriteria['where'],
): Promise<TPeopleFilter> {
  const context = { getDefaultCountry: () => getDefaultCountry(trx, actor.workspaceId) };
  return {
    workspaceId: actor.workspaceId,
    ownerId: query.ownerId,
    visibleOwnerIds: visibleOwnerIdsOf(actor),
    q: query.q,
    companyId: query.companyId,
    lifecycleStage: query.lifecycleStage,
    tag: query.tag,
    identifier: await readIdentifierFilter(trx, actor, query),
    customFields: await buildCustomFieldFilter(trx, actor.workspaceId, 'person', customFieldFilters, context),
    where,
  };
}

export async function listPeople(
  trx: TTrx,
  actor: TActor,
  query: TListPeopleQuery,
  customFieldFilters: Record<string, string> = {},
): Promise<{ data: TPerson[]; nextCursor: string | null }> {
  assertCanRead(actor, 'people');
  const criteria = await resolveListCriteria(trx, actor, 'person', query);
  const rows = await selectPeoplePage(
    trx,
    await buildPeopleFilter(trx, actor, query, customFieldFilters, criteria.where),
    criteria.sort,
    query.limit,
    query.cursor,
    query.includeArchivedFields,
  );
  const page = toPage(rows, query.limit, (row) => row, criteria.cursorOf);
  return { data: toPeopleFromRows(page.data), nextCursor: page.nextCursor };
}
