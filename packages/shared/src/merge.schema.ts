import { z } from 'zod';
import { ZListQuery } from './common.schema.ts';
import { ZCompany } from './companies.schema.ts';
import { ZPerson, ZUpdatePersonRequest } from './people.schema.ts';

export const PERSON_DUPLICATE_REASONS = ['externalId', 'email', 'phone', 'name'] as const;
export const ZPersonDuplicateReason = z.enum(PERSON_DUPLICATE_REASONS);
export type TPersonDuplicateReason = z.infer<typeof ZPersonDuplicateReason>;

export const COMPANY_DUPLICATE_REASONS = ['domain', 'name'] as const;
export const ZCompanyDuplicateReason = z.enum(COMPANY_DUPLICATE_REASONS);
export type TCompanyDuplicateReason = z.infer<typeof ZCompanyDuplicateReason>;

/** What a create reply says about likely duplicates; it never blocks the create. */
export const ZPossibleDuplicate = z.object({
  id: z.string(),
  reasons: z.array(z.string()),
  score: z.number(),
});
export type TPossibleDuplicate = z.infer<typeof ZPossibleDuplicate>;

export const ZCreatePersonResponse = ZPerson.extend({
  possibleDuplicates: z
    .array(ZPossibleDuplicate)
    .describe('People that look like this one (same email, phone, external id, or a similar name)'),
});

export const ZPersonDuplicate = z.object({
  person: ZPerson,
  reasons: z.array(ZPersonDuplicateReason),
  score: z.number().min(0).max(1),
});
export type TPersonDuplicate = z.infer<typeof ZPersonDuplicate>;
export const ZPersonDuplicatesResponse = z.object({ data: z.array(ZPersonDuplicate) });

/** A person not saved yet, as far as duplicate detection looks at it. */
export const ZCheckPersonDuplicatesRequest = ZUpdatePersonRequest.pick({
  firstName: true,
  lastName: true,
  displayName: true,
  emails: true,
  phones: true,
  externalIds: true,
  companyIds: true,
  addresses: true,
});
export type TCheckPersonDuplicatesRequest = z.infer<typeof ZCheckPersonDuplicatesRequest>;

export const ZCompanyDuplicate = z.object({
  company: ZCompany,
  reasons: z.array(ZCompanyDuplicateReason),
  score: z.number().min(0).max(1),
});
export type TCompanyDuplicate = z.infer<typeof ZCompanyDuplicate>;
export const ZCompanyDuplicatesResponse = z.object({ data: z.array(ZCompanyDuplicate) });

/** Workspace-wide "possible duplicates": one group per shared identifier (email, phone, external id). */
export const ZDuplicateGroupsQuery = ZListQuery.extend({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const ZPersonDuplicateGroup = z.object({
  reason: ZPersonDuplicateReason,
  /** The shared value: the email, the E.164 phone, or `source:id`. */
  value: z.string(),
  people: z.array(ZPerson),
});
export type TPersonDuplicateGroup = z.infer<typeof ZPersonDuplicateGroup>;
export const ZPersonDuplicateGroupsResponse = z.object({
  data: z.array(ZPersonDuplicateGroup),
  nextCursor: z.string().nullable(),
});

export const ZMergeRequest = z.object({
  survivorId: z.uuid().transform((id) => id.toLowerCase()),
  mergedIds: z
    .array(z.uuid().transform((id) => id.toLowerCase()))
    .min(1)
    .max(50)
    .describe('The records merged into the survivor; they stop existing, their ids resolve to it'),
  fieldChoices: z
    .record(
      z.string().min(1).max(100),
      z.uuid().transform((id) => id.toLowerCase()),
    )
    .optional()
    .describe(
      'Per field, the record (survivor or merged) whose value survives, e.g. {"firstName": "<id>", ' +
        '"customFields.tier": "<id>"}. Unnamed single-valued fields keep the survivor\'s value (or the ' +
        "first merged record's when the survivor has none); multi-valued fields are unioned.",
    ),
});
export type TMergeRequest = z.infer<typeof ZMergeRequest>;

const ZMoved = z.record(z.string(), z.number().int()).describe('Related records moved, by kind');

export const ZMergePeopleResponse = z.object({
  person: ZPerson,
  mergedIds: z.array(z.string()),
  moved: ZMoved,
});
export type TMergePeopleResponse = z.infer<typeof ZMergePeopleResponse>;
export const ZMergeCompaniesResponse = z.object({
  company: ZCompany,
  mergedIds: z.array(z.string()),
  moved: ZMoved,
});
export type TMergeCompaniesResponse = z.infer<typeof ZMergeCompaniesResponse>;
