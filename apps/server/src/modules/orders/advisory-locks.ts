import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';

/** Keys hash into this many locks per scope, so a big batch holds a bounded number of them. */
const BUCKETS = 4096;

/**
 * Transaction-scoped advisory locks on the buckets of `keys` within `scope`, taken in one statement
 * in bucket order (two transactions never wait on each other in opposite orders within a call).
 * Advisory locks live in PostgreSQL's shared lock table, whose size is bounded; hashing keys into
 * buckets keeps a transaction of thousands of orders from exhausting it. Two keys sharing a bucket
 * merely wait for each other.
 */
export async function lockAdvisoryBuckets(trx: TTrx, scope: string, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await sql`
    select pg_advisory_xact_lock(hashtext(${scope}), bucket)
      from (select distinct mod(abs(hashtext(k)::bigint), ${BUCKETS})::int as bucket
              from unnest(${[...keys]}::text[]) as k) b
     order by bucket`.execute(trx);
}
