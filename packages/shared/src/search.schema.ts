import { z } from 'zod';
import { csvOf } from './timeline.schema.ts';

/** Record types Kap searches today; later modules (deals, tickets) register theirs on the server. */
export const CORE_SEARCH_TYPES = ['person', 'company'] as const;

export const ZSearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'Type something to search for')
    .max(200, 'At most 200 characters')
    .describe('Names, emails, phones (any format), company names or domains; prefix and fuzzy'),
  types: csvOf(z.string().regex(/^[a-z][a-zA-Z]{0,39}$/, 'Not a record type'))
    .optional()
    .describe('Comma-separated record types, e.g. person,company; default: every type the role can read'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type TSearchQuery = z.infer<typeof ZSearchQuery>;

export const ZSearchResult = z
  .object({
    type: z.string().describe('person, company, ...'),
    id: z.string(),
    title: z.string(),
    subtitle: z.string().nullable(),
  })
  .meta({ id: 'SearchResult' });
export type TSearchResult = z.infer<typeof ZSearchResult>;

export const ZSearchResponse = z.object({ data: z.array(ZSearchResult) });
export type TSearchResponse = z.infer<typeof ZSearchResponse>;
