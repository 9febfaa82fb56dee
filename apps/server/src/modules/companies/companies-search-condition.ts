import { type RawBuilder, sql } from 'kysely';
import { toContainsPattern } from '../../lib/filters/index.ts';

/**
 * The companies list's search text `q` (a part of the name or of a domain, any case): one
 * definition for the list, its count and bulk actions on "all matching".
 */
export function matchesCompaniesSearch(q: string): RawBuilder<boolean> {
  const pattern = toContainsPattern(q);
  return sql<boolean>`(companies.name ilike ${pattern}
    or array_to_string(companies.domains, ' ') ilike ${pattern})`;
}
