import type {
  TCompany,
  TCreateCompanyRequest,
  TListCompaniesQuery,
  TUpdateCompanyRequest,
} from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, assertCanRead, assertCanWrite, type TActor, visibleOwnerIdsOf } from '../../lib/actor.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import {
  assertExternalIdsListedOnce,
  externalIdRaceError,
  externalIdsTakenError,
  parseExternalIdText,
} from '../../lib/external-ids.ts';
import { isUuid, newId } from '../../lib/ids.ts';
import { assertFreshVersion } from '../../lib/if-match.ts';
import { toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/index.ts';
import {
  applyCustomFieldValues,
  buildCustomFieldFilter,
  loadVisibleFieldKeys,
  pickVisibleValues,
  type TValueContext,
} from '../custom-fields/index.ts';
import { getDefaultCountry, isVisible, unlinkCompanyFromPeople } from '../people/index.ts';
import { resolveListCriteria, type TListCriteria } from '../views/index.ts';
import {
  COMPANY_COLUMNS,
  selectCompaniesPage,
  selectCompany,
  selectCompanyIds,
  type TCompaniesFilter,
  type TCompanyRow,
} from './companies.repository.ts';
import {
  COMPANY_EXTERNAL_ID_KEY,
  replaceCompanyExternalIds,
  selectTakenCompanyExternalIds,
} from './company-external-ids.repository.ts';
import { assertCurrency, assertOwnerIsMember, assertParent, detachChildren } from './company-rules.ts';

export function toCompany(row: TCompanyRow, visibleFieldKeys: ReadonlySet<string>): TCompany {
  return {
    id: row.id,
    name: row.name,
    domains: row.domains,
    industry: row.industry,
    size: row.size as TCompany['size'],
    annualRevenue: row.annualRevenue,
    currency: row.currency,
    addresses: row.addresses,
    parentCompanyId: row.parentCompanyId,
    ownerId: row.ownerId,
    tags: row.tags,
    externalIds: row.externalIds,
    customFields: pickVisibleValues(row.customFields, visibleFieldKeys),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
  };
}

/** The custom fields that responses about `rows` show; no query when the rows hold no values. */
async function loadFieldKeysFor(
  trx: TTrx,
  workspaceId: string,
  rows: readonly TCompanyRow[],
  includeArchived = false,
) {
  const hasValues = rows.some((row) => Object.keys(row.customFields).length > 0);
  return hasValues ? loadVisibleFieldKeys(trx, workspaceId, 'company', includeArchived) : new Set<string>();
}

async function toCompanies(
  trx: TTrx,
  workspaceId: string,
  rows: TCompanyRow[],
  includeArchivedFields = false,
) {
  const keys = await loadFieldKeysFor(trx, workspaceId, rows, includeArchivedFields);
  return rows.map((row) => toCompany(row, keys));
}

/** The audited view: the fields a user edits, archived custom field values included. */
export const snapshotOf = (row: TCompanyRow) => {
  const {
    id: _id,
    version: _v,
    createdAt: _c,
    updatedAt: _u,
    createdBy: _cb,
    updatedBy: _ub,
    ...fields
  } = toCompany(row, new Set(Object.keys(row.customFields)));
  return fields;
};

async function getVisibleRow(trx: TTrx, actor: TActor, id: string, forUpdate = false): Promise<TCompanyRow> {
  const row = isUuid(id) ? await selectCompany(trx, actor.workspaceId, id, forUpdate) : undefined;
  if (!row || !isVisible(actor, row.ownerId)) throw notFound('Company');
  return row;
}

function assertVersion(row: TCompanyRow, expectedVersion: number | null): void {
  assertFreshVersion('company', row.version, expectedVersion);
}

const contextOf = (trx: TTrx, actor: TActor): TValueContext => ({
  getDefaultCountry: () => getDefaultCountry(trx, actor.workspaceId),
});

/** Record-type hook for relation fields and people's companyIds: the companies the actor may see. */
export async function findVisibleCompanyIds(
  trx: TTrx,
  actor: TActor,
  ids: readonly string[],
): Promise<Set<string>> {
  return new Set(await selectCompanyIds(trx, actor.workspaceId, ids, visibleOwnerIdsOf(actor)));
}

/** The list query's selecting part (no page, sort or display options). */
export type TCompaniesCriteriaQuery = Omit<
  TListCompaniesQuery,
  'limit' | 'cursor' | 'sort' | 'includeArchivedFields'
>;

function readExternalIdFilter(text: string | undefined) {
  if (text === undefined) return undefined;
  const externalId = parseExternalIdText(text);
  if (externalId) return externalId;
  throw new AppError('VALIDATION_FAILED', 'Invalid query.externalId: Must be source:id', [
    { path: 'query.externalId', message: 'Must be source:id' },
  ]);
}

/**
 * An external id belongs to one company per workspace, so that a sync or import lands on the same
 * company every time: 409 naming the field. The primary key of the lookup table settles races.
 */
async function assertExternalIdsFree(
  trx: TTrx,
  actor: TActor,
  input: TCompanyInput,
  companyId: string | null,
) {
  if (!input.externalIds) return;
  assertExternalIdsListedOnce(input.externalIds);
  const taken = await selectTakenCompanyExternalIds(trx, actor.workspaceId, input.externalIds, companyId);
  if (taken.length > 0) throw externalIdsTakenError(input.externalIds, taken, 'company');
}

/** The lookup rows follow the company's list when the write named it. */
async function saveExternalIds(trx: TTrx, actor: TActor, row: TCompanyRow, input: TCompanyInput) {
  if (!input.externalIds) return;
  await replaceCompanyExternalIds(trx, actor.workspaceId, [row]).catch((error: unknown) => {
    if ((error as { constraint?: unknown }).constraint === COMPANY_EXTERNAL_ID_KEY) {
      throw externalIdRaceError('company');
    }
    throw error;
  });
}

/** What a list or count query selects, as the repository's filter (the same for both). */
export async function buildCompaniesFilter(
  trx: TTrx,
  actor: TActor,
  query: TCompaniesCriteriaQuery,
  customFieldFilters: Record<string, string>,
  where: TListCriteria['where'],
): Promise<TCompaniesFilter> {
  return {
    workspaceId: actor.workspaceId,
    visibleOwnerIds: visibleOwnerIdsOf(actor),
    ownerId: query.ownerId,
    industry: query.industry,
    tag: query.tag,
    parentCompanyId: query.parentCompanyId,
    externalId: readExternalIdFilter(query.externalId),
    q: query.q,
    customFields: await buildCustomFieldFilter(
      trx,
      actor.workspaceId,
      'company',
      customFieldFilters,
      contextOf(trx, actor),
    ),
    where,
  };
}

export async function listCompanies(
  trx: TTrx,
  actor: TActor,
  query: TListCompaniesQuery,
  customFieldFilters: Record<string, string> = {},
) {
  assertCanRead(actor, 'companies');
  const criteria = await resolveListCriteria(trx, actor, 'company', query);
  const rows = await selectCompaniesPage(
    trx,
    await buildCompaniesFilter(trx, actor, query, customFieldFilters, criteria.where),
    criteria.sort,
    query.limit,
    query.cursor,
  );
  const page = toPage(rows, query.limit, (row) => row, criteria.cursorOf);
  return {
    data: await toCompanies(trx, actor.workspaceId, page.data, query.includeArchivedFields),
    nextCursor: page.nextCursor,
  };
}

export async function getCompany(
  trx: TTrx,
  actor: TActor,
  id: string,
  includeArchivedFields = false,
): Promise<TCompany> {
  assertCanRead(actor, 'companies');
  const [company] = await toCompanies(
    trx,
    actor.workspaceId,
    [await getVisibleRow(trx, actor, id)],
    includeArchivedFields,
  );
  if (!company) throw notFound('Company');
  return company;
}

type TCompanyInput = TCreateCompanyRequest | TUpdateCompanyRequest;

/** Checks the input and turns it into column values; only the fields it names. */
async function toColumns(trx: TTrx, actor: TActor, input: TCompanyInput, current: TCompanyRow | null) {
  assertCurrency(input, current);
  if (input.parentCompanyId) await assertParent(trx, actor, current?.id ?? null, input.parentCompanyId);
  await assertExternalIdsFree(trx, actor, input, current?.id ?? null);
  const customFields = input.customFields
    ? await applyCustomFieldValues(
        trx,
        actor,
        'company',
        current?.customFields ?? {},
        input.customFields,
        contextOf(trx, actor),
      )
    : undefined;
  const text = (value: string | null | undefined) => (value === undefined ? undefined : value || null);
  // Kysely leaves out undefined values: a PATCH changes only the fields it names.
  return {
    name: input.name,
    domains: input.domains,
    industry: text(input.industry),
    size: input.size,
    annualRevenue: input.annualRevenue,
    currency: input.currency,
    addresses: input.addresses === undefined ? undefined : JSON.stringify(input.addresses),
    parentCompanyId: input.parentCompanyId,
    tags: input.tags,
    externalIds: input.externalIds === undefined ? undefined : JSON.stringify(input.externalIds),
    customFields: customFields === undefined ? undefined : JSON.stringify(customFields),
  };
}

export async function createCompany(
  trx: TTrx,
  actor: TActor,
  input: TCreateCompanyRequest,
): Promise<TCompany> {
  assertCanWrite(actor, 'companies');
  const ownerId = input.ownerId === undefined ? actor.userId : input.ownerId;
  await assertOwnerIsMember(trx, actor, ownerId);
  const columns = await toColumns(trx, actor, input, null);
  const now = new Date();
  const row = await trx
    .insertInto('companies')
    .values({
      ...columns,
      name: input.name,
      workspaceId: actor.workspaceId,
      id: newId(),
      ownerId,
      createdAt: now,
      updatedAt: now,
      createdBy: actorId(actor),
      updatedBy: actorId(actor),
    })
    .returning(COMPANY_COLUMNS)
    .executeTakeFirstOrThrow();
  await saveExternalIds(trx, actor, row, input);
  await recordAudit(trx, actor, {
    action: 'company.create',
    recordType: 'company',
    recordId: row.id,
    after: snapshotOf(row),
  });
  return toCompany(row, await loadFieldKeysFor(trx, actor.workspaceId, [row]));
}

export async function updateCompany(
  trx: TTrx,
  actor: TActor,
  id: string,
  input: TUpdateCompanyRequest,
  expectedVersion: number | null,
): Promise<TCompany> {
  assertCanWrite(actor, 'companies');
  const current = await getVisibleRow(trx, actor, id, true);
  assertVersion(current, expectedVersion);
  if (input.ownerId !== undefined) await assertOwnerIsMember(trx, actor, input.ownerId);
  const columns = await toColumns(trx, actor, input, current);
  const row = await trx
    .updateTable('companies')
    .set({
      ...columns,
      ...(input.ownerId !== undefined && { ownerId: input.ownerId }),
      version: current.version + 1,
      updatedAt: new Date(),
      updatedBy: actorId(actor),
    })
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', id)
    .returning(COMPANY_COLUMNS)
    .executeTakeFirstOrThrow();
  await saveExternalIds(trx, actor, row, input);
  await recordAudit(trx, actor, {
    action: 'company.update',
    recordType: 'company',
    recordId: id,
    before: snapshotOf(current),
    after: snapshotOf(row),
  });
  return toCompany(row, await loadFieldKeysFor(trx, actor.workspaceId, [row]));
}

/** People leave the company and subsidiaries lose their parent, each audited, then the company goes. */
export async function deleteCompany(
  trx: TTrx,
  actor: TActor,
  id: string,
  expectedVersion: number | null,
): Promise<void> {
  assertCanWrite(actor, 'companies');
  const current = await getVisibleRow(trx, actor, id, true);
  assertVersion(current, expectedVersion);
  const unlinkedPeople = await unlinkCompanyFromPeople(trx, actor, id);
  await detachChildren(trx, actor, id);
  await trx
    .deleteFrom('companies')
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', id)
    .execute();
  await recordAudit(trx, actor, {
    action: 'company.delete',
    recordType: 'company',
    recordId: id,
    before: { ...snapshotOf(current), unlinkedPeople },
  });
}
