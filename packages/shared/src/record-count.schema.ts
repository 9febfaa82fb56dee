import { z } from 'zod';
import { ZListCompaniesQuery } from './companies.schema.ts';
import { ZListPeopleQuery } from './people.schema.ts';

/** Counts are exact up to this many records, then reported as "at least" (isExact: false). */
export const RECORD_COUNT_CAP = 100_000;

export const ZRecordCount = z
  .object({
    count: z
      .number()
      .int()
      .min(0)
      .describe(`Exact up to ${RECORD_COUNT_CAP}; the cap itself when there are more`),
    isExact: z.boolean().describe(`false: at least \`count\` records match (${RECORD_COUNT_CAP}+)`),
  })
  .meta({ id: 'RecordCount' });
export type TRecordCount = z.infer<typeof ZRecordCount>;

const PAGE_ONLY = { limit: true, cursor: true, sort: true, includeArchivedFields: true } as const;

/** The people list's filters, without paging and sorting. */
export const ZCountPeopleQuery = ZListPeopleQuery.omit(PAGE_ONLY);
export type TCountPeopleQuery = z.infer<typeof ZCountPeopleQuery>;

/** The companies list's filters, without paging and sorting. */
export const ZCountCompaniesQuery = ZListCompaniesQuery.omit(PAGE_ONLY);
export type TCountCompaniesQuery = z.infer<typeof ZCountCompaniesQuery>;
