import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';

/**
 * Companies sharing a domain with `domains`. `&&` on arrays is not leakproof, so under row-level
 * security this filters the workspace's companies rather than probing an index: fine for an
 * on-demand check, and domains are few per company.
 */
export async function selectDomainMatches(
  trx: TTrx,
  workspaceId: string,
  companyId: string,
  domains: readonly string[],
): Promise<string[]> {
  if (domains.length === 0) return [];
  const result = await sql<{ id: string }>`
    select id from companies
     where workspace_id = ${workspaceId} and id <> ${companyId}::uuid
       and domains && ${[...domains]}::text[]
     order by id
     limit 50`.execute(trx);
  return result.rows.map((row) => row.id);
}

/**
 * Companies with a similar name, through `kap_similar_companies` (migration 0005): a SECURITY
 * DEFINER function that takes the workspace from `kap.workspace_id`, so the trigram index serves
 * it although similarity is not leakproof.
 */
export async function selectNameMatches(
  trx: TTrx,
  companyId: string,
  name: string,
  minScore: number,
  limit: number,
): Promise<{ companyId: string; score: number }[]> {
  const result = await sql<{ companyId: string; score: number }>`
    select company_id as "companyId", round(score::numeric, 3)::float8 as score
      from kap_similar_companies(${name}, ${minScore}::real, ${limit + 1})
     where company_id <> ${companyId}::uuid`.execute(trx);
  return result.rows.slice(0, limit);
}
