import { type RawBuilder, sql } from 'kysely';
import { toContainsPattern } from '../../lib/filters/index.ts';

/**
 * The people list's search text `q` (a part of a name or an email, any case): one definition
 * for the list, its count and bulk actions on "all matching", so they always select the same people.
 */
export function matchesPeopleSearch(q: string): RawBuilder<boolean> {
  const pattern = toContainsPattern(q);
  return sql<boolean>`(people.first_name ilike ${pattern} or people.last_name ilike ${pattern}
    or people.display_name_sort ilike ${pattern}
    or concat_ws(' ', people.first_name, people.last_name) ilike ${pattern}
    or people.emails::text ilike ${pattern})`;
}
