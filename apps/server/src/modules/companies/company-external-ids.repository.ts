import type { TExternalId } from '@kap/shared';
import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { externalIdKey } from '../../lib/external-ids.ts';

/**
 * `company_external_ids`: one row per external id of a company, kept in step with
 * `companies.external_ids` in the same transaction. Its primary key (workspace, source, id) makes
 * an external id belong to one company; the constraint's name tells a race from other errors.
 */
export const COMPANY_EXTERNAL_ID_KEY = 'company_external_ids_pkey';

/** External ids among `wanted` that belong to a company other than `exceptCompanyId`. */
export async function selectTakenCompanyExternalIds(
  trx: TTrx,
  workspaceId: string,
  wanted: readonly TExternalId[],
  exceptCompanyId: string | null,
): Promise<{ source: string; value: string }[]> {
  if (wanted.length === 0) return [];
  const result = await sql<{ source: string; value: string }>`
    select x.source, x.value
      from unnest(${wanted.map((w) => w.source)}::text[], ${wanted.map((w) => w.id)}::text[]) as w (source, value)
      join company_external_ids x on x.workspace_id = ${workspaceId} and x.source = w.source and x.value = w.value
     where x.company_id is distinct from ${exceptCompanyId}::uuid`.execute(trx);
  return result.rows;
}

/**
 * The companies holding any of `externalIds`, one index probe each (as people's identifiers:
 * a lateral with `offset 0` is not flattened into a hash of the whole table). Key: externalIdKey.
 */
export async function findCompaniesByExternalIds(
  trx: TTrx,
  workspaceId: string,
  externalIds: readonly TExternalId[],
): Promise<Map<string, string>> {
  if (externalIds.length === 0) return new Map();
  const result = await sql<{ source: string; value: string; companyId: string }>`
    select x.source, x.value, x.company_id
      from unnest(${externalIds.map((w) => w.source)}::text[], ${externalIds.map((w) => w.id)}::text[])
        as w (source, value)
     cross join lateral (
       select x.source, x.value, x.company_id from company_external_ids x
        where x.workspace_id = ${workspaceId} and x.source = w.source and x.value = w.value
       offset 0) as x`.execute(trx);
  return new Map(result.rows.map((r) => [externalIdKey({ source: r.source, id: r.value }), r.companyId]));
}

/** The lookup rows of `companies` become exactly their `externalIds` (one statement each way). */
export async function replaceCompanyExternalIds(
  trx: TTrx,
  workspaceId: string,
  companies: readonly { id: string; externalIds: readonly TExternalId[] }[],
): Promise<void> {
  if (companies.length === 0) return;
  await sql`delete from company_external_ids
             where workspace_id = ${workspaceId} and company_id = any(${companies.map((c) => c.id)}::uuid[])`.execute(
    trx,
  );
  const rows = companies.flatMap((c) => c.externalIds.map((x) => ({ ...x, companyId: c.id })));
  if (rows.length === 0) return;
  await sql`
    insert into company_external_ids (workspace_id, source, value, company_id)
    select ${workspaceId}, source, value, company_id
      from unnest(${rows.map((r) => r.source)}::text[], ${rows.map((r) => r.id)}::text[],
                  ${rows.map((r) => r.companyId)}::uuid[]) as t (source, value, company_id)`.execute(trx);
}

/** Frees the external ids of companies about to be merged away, so the survivor can take them. */
export async function deleteCompanyExternalIds(
  trx: TTrx,
  workspaceId: string,
  companyIds: readonly string[],
): Promise<void> {
  if (companyIds.length === 0) return;
  await sql`delete from company_external_ids
             where workspace_id = ${workspaceId} and company_id = any(${[...companyIds]}::uuid[])`.execute(
    trx,
  );
}
