import type { TCompany } from '@kap/shared';
import { type Expression, sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { assertCanRead, type TActor, visibleOwnerIdsOf } from '../../lib/actor.ts';
import { orderBySql } from '../../lib/filters/index.ts';
import { isUuid } from '../../lib/ids.ts';
import { toSqlLiteral } from '../../lib/sql-copy.ts';
import { fetchInBatches, type TRecordSource } from '../../lib/sql-cursor.ts';
import { loadVisibleFieldKeys } from '../custom-fields/index.ts';
import { resolveListCriteria } from '../views/index.ts';
import { COMPANY_COLUMNS, filterCompanies, SORT_EXPRESSIONS } from './companies.repository.ts';
import { toCompany } from './companies.service.ts';

/** What a list shows: a view and/or an explicit filter and sort, the search text, a selection. */
export type TCompanyExportCriteria = {
  viewId?: string | undefined;
  filter?: unknown;
  sort?: string | undefined;
  q?: string | undefined;
  ids?: readonly string[] | undefined;
};

/**
 * Every company the list shows for `criteria`, in the list's order: the query and its rows as
 * records in batches read through a server-side cursor (see people-export.ts). Criteria are
 * checked before this returns.
 */
export async function openCompaniesExport(
  trx: TTrx,
  actor: TActor,
  criteria: TCompanyExportCriteria,
): Promise<TRecordSource<TCompany>> {
  assertCanRead(actor, 'companies');
  const resolved = await resolveListCriteria(trx, actor, 'company', {
    viewId: criteria.viewId,
    filter: criteria.filter === undefined ? undefined : JSON.stringify(criteria.filter),
    sort: criteria.sort,
  });
  let query = filterCompanies(trx.selectFrom('companies').select(COMPANY_COLUMNS), {
    workspaceId: actor.workspaceId,
    visibleOwnerIds: visibleOwnerIdsOf(actor),
    q: criteria.q,
    where: resolved.where,
  });
  if (criteria.ids) query = query.where(sql<boolean>`companies.id = any(${[...criteria.ids]}::uuid[])`);
  const sort = resolved.sort;
  if (typeof sort === 'string') {
    const isDescending = sort.startsWith('-');
    const field = (isDescending ? sort.slice(1) : sort) as keyof typeof SORT_EXPRESSIONS;
    const direction = isDescending ? 'desc' : 'asc';
    query = query.orderBy(SORT_EXPRESSIONS[field] as Expression<string>, direction).orderBy('id', direction);
  } else {
    query = query.orderBy(orderBySql(sort, sql`companies.id`));
  }
  const visibleKeys = await loadVisibleFieldKeys(trx, actor.workspaceId, 'company', false);
  async function* readBatches(batchSize: number) {
    for await (const rows of fetchInBatches(trx, query, batchSize)) {
      yield rows.map((row) => toCompany(row, visibleKeys));
    }
  }
  return { query, readBatches };
}

/** Names of the companies among `ids` that the actor may see (for people's company columns). */
export async function findCompanyNames(
  trx: TTrx,
  actor: TActor,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)].filter(isUuid);
  const names = new Map<string, string>();
  if (wanted.length === 0) return names;
  let query = trx
    .selectFrom('companies')
    .select(['id', 'name'])
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', 'in', wanted);
  const owners = visibleOwnerIdsOf(actor);
  if (owners) {
    if (owners.length === 0) return names;
    query = query.where('ownerId', 'in', owners);
  }
  for (const row of await query.execute()) names.set(row.id, row.name);
  return names;
}

/**
 * SQL for the name of the company whose id `idSql` gives, or null when the actor may not see it
 * (the same rule as findCompanyNames): for exports that format rows in SQL. Values are inlined
 * as literals (a checked workspace id, the actor's owner ids).
 */
export function visibleCompanyNameSql(actor: TActor, idSql: string): string {
  const owners = visibleOwnerIdsOf(actor);
  if (owners && owners.length === 0) return 'null::text';
  const ownerCondition = owners
    ? ` and kap_company.owner_id = any(${toSqlLiteral([...owners])}::uuid[])`
    : '';
  return `(select kap_company.name from companies kap_company
    where kap_company.workspace_id = ${toSqlLiteral(actor.workspaceId)}::uuid and kap_company.id = ${idSql}${ownerCondition})`;
}
