import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';

export type TSearchHit = {
  recordType: string;
  recordId: string;
  rank: number;
  score: number;
  updatedAt: Date;
};

/**
 * Calls `search_records()`, the SECURITY DEFINER function of migration 0004: it searches the
 * workspace set on this transaction only, with the trigram index that row-level security would
 * keep from `kap_app` (pg_trgm's operators are not leakproof). See docs/adr/0006.
 */
export async function selectSearchHits(
  trx: TTrx,
  input: {
    query: string;
    digits: string;
    types: readonly string[];
    ownerIds: readonly string[] | null;
    limit: number;
  },
): Promise<TSearchHit[]> {
  const result = await sql<TSearchHit>`
    select record_type, record_id, rank, score, updated_at
      from search_records(${input.query}, ${input.digits}, ${sql.val([...input.types])}::text[],
                          ${input.ownerIds === null ? null : sql.val([...input.ownerIds])}::uuid[], ${input.limit})`.execute(
    trx,
  );
  return result.rows;
}
