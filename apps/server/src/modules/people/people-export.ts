import type { TPerson } from '@kap/shared';
import { type Expression, sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { assertCanRead, type TActor, visibleOwnerIdsOf } from '../../lib/actor.ts';
import { orderBySql } from '../../lib/filters/index.ts';
import { fetchRawBatches, type TRecordSource } from '../../lib/sql-cursor.ts';
import { loadVisibleFieldKeys } from '../custom-fields/index.ts';
import { resolveListCriteria } from '../views/index.ts';
import {
  filterPeople,
  PERSON_COLUMNS,
  parseSort,
  SORT_EXPRESSIONS,
  type TPersonRow,
} from './people.repository.ts';
import { toPerson } from './person-view.ts';

/** What a list shows: a view and/or an explicit filter and sort, the search text, a selection. */
export type TRecordExportCriteria = {
  viewId?: string | undefined;
  /** A filter as the list's `filter` (any JSON; checked here, errors at `filter…`). */
  filter?: unknown;
  sort?: string | undefined;
  q?: string | undefined;
  ids?: readonly string[] | undefined;
  /** The person fields the export reads (TPerson keys); others come back empty. Default: all. */
  fields?: readonly (keyof TPerson)[] | undefined;
};

type TColumn = (typeof PERSON_COLUMNS)[number];

/** Columns every person needs (identity and the times toPerson formats). */
const ALWAYS: readonly TColumn[] = ['workspaceId', 'id', 'version', 'createdAt', 'updatedAt'];

/** Values of columns an export did not read: what an empty person holds. */
const EMPTY: Partial<Record<TColumn, unknown>> = {
  emails: [],
  phones: [],
  addresses: [],
  tags: [],
  interests: [],
  externalIds: [],
  preferences: {},
  customFields: {},
};

/** The table columns behind the TPerson fields an export reads. */
function columnsFor(fields: readonly (keyof TPerson)[] | undefined): {
  columns: TColumn[];
  hasLinks: boolean;
} {
  if (!fields) return { columns: [...PERSON_COLUMNS], hasLinks: true };
  const wanted = new Set<string>(ALWAYS);
  for (const field of fields) wanted.add(field === 'displayName' ? 'displayNameSort' : field);
  return {
    columns: PERSON_COLUMNS.filter((column) => wanted.has(column)),
    hasLinks: fields.includes('companyIds') || fields.includes('primaryCompanyId'),
  };
}

const CAMEL_KEYS = new Map<string, string>(
  [...PERSON_COLUMNS, 'companyLinks'].map((key) => [
    key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
    key,
  ]),
);

type TExportRow = TPersonRow & { companyLinks?: [string, boolean][] };

/** A row as PostgreSQL names its columns, with the people module's keys (top level only), completed. */
function toExportRow(raw: Record<string, unknown>): TExportRow {
  const row: Record<string, unknown> = {};
  for (const key in raw) row[CAMEL_KEYS.get(key) ?? key] = raw[key];
  for (const column of PERSON_COLUMNS) if (!(column in row)) row[column] = EMPTY[column] ?? null;
  return row as TExportRow;
}

/**
 * Every person the list shows for `criteria`, in the list's order: the query, and its rows as
 * records in batches read through a server-side cursor (an export of any size holds one batch at
 * a time). Only the columns the export reads are selected, and cursor rows skip the camelCase
 * plugin (which walks every nested JSON value): on 200k people both cost more than the query.
 * The query's `company_links` column is [[companyId, isPrimary], …] in the person's order. The
 * criteria are checked before this returns, so a bad filter or an unknown view fails before
 * anything is streamed.
 */
export async function openPeopleExport(
  trx: TTrx,
  actor: TActor,
  criteria: TRecordExportCriteria,
): Promise<TRecordSource<TPerson>> {
  assertCanRead(actor, 'people');
  const resolved = await resolveListCriteria(trx, actor, 'person', {
    viewId: criteria.viewId,
    filter: criteria.filter === undefined ? undefined : JSON.stringify(criteria.filter),
    sort: criteria.sort,
  });
  const { columns, hasLinks } = columnsFor(criteria.fields);
  // Company links come with the row (an index probe each, inside the cursor's query) instead of
  // one more query per batch: [[companyId, isPrimary], …] by position.
  const companyLinks = sql<
    [string, boolean][]
  >`(select coalesce(jsonb_agg(jsonb_build_array(pc.company_id, pc.is_primary) order by pc.position, pc.company_id), '[]'::jsonb)
      from person_companies pc where pc.workspace_id = people.workspace_id and pc.person_id = people.id)`;
  const base = trx.selectFrom('people').select(columns);
  let query = filterPeople(hasLinks ? base.select(companyLinks.as('companyLinks')) : base, {
    workspaceId: actor.workspaceId,
    visibleOwnerIds: visibleOwnerIdsOf(actor),
    q: criteria.q,
    where: resolved.where,
  });
  if (criteria.ids) query = query.where(sql<boolean>`people.id = any(${[...criteria.ids]}::uuid[])`);
  const sort = resolved.sort;
  if (typeof sort === 'string') {
    const { field, isDescending } = parseSort(sort);
    const direction = isDescending ? 'desc' : 'asc';
    query = query.orderBy(SORT_EXPRESSIONS[field] as Expression<string>, direction).orderBy('id', direction);
  } else {
    query = query.orderBy(orderBySql(sort, sql`people.id`));
  }
  const visibleKeys = await loadVisibleFieldKeys(trx, actor.workspaceId, 'person', false);
  async function* readBatches(batchSize: number) {
    for await (const rawRows of fetchRawBatches(trx, query, batchSize, false)) {
      yield rawRows.map((raw) => {
        const { companyLinks: links = [], ...row } = toExportRow(raw);
        const primary = links.find(([, isPrimary]) => isPrimary)?.[0] ?? null;
        return toPerson(row, { companyIds: links.map(([id]) => id), primaryCompanyId: primary }, visibleKeys);
      });
    }
  }
  return { query, readBatches };
}
