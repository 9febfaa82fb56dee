import { z } from 'zod';
import { ZListQuery } from './common.schema.ts';

const ZLabel = z.string().trim().max(40).default('other');

export const ZPersonEmail = z.object({
  email: z.email().max(254).transform((value) => value.toLowerCase()),
  label: ZLabel,
  isPrimary: z.boolean().default(false),
});

export const ZPersonPhone = z.object({
  number: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()./-]{5,30}$/, 'Not a phone number'),
  label: ZLabel,
  isPrimary: z.boolean().default(false),
});

const personFields = {
  firstName: z.string().trim().max(120).nullable().optional(),
  lastName: z.string().trim().max(120).nullable().optional(),
  emails: z.array(ZPersonEmail).max(20).optional(),
  phones: z.array(ZPersonPhone).max(20).optional(),
  ownerId: z.uuid().nullable().optional(),
};

export const ZCreatePersonRequest = z
  .object(personFields)
  .refine((p) => Boolean(p.firstName || p.lastName || p.emails?.length || p.phones?.length), {
    message: 'A person needs a name, an email or a phone',
    path: ['firstName'],
  });
export type TCreatePersonRequest = z.infer<typeof ZCreatePersonRequest>;

export const ZUpdatePersonRequest = z.object(personFields);
export type TUpdatePersonRequest = z.infer<typeof ZUpdatePersonRequest>;

export const ZPerson = z
  .object({
    id: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    emails: z.array(z.object({ email: z.string(), label: z.string(), isPrimary: z.boolean() })),
    phones: z.array(z.object({ number: z.string(), label: z.string(), isPrimary: z.boolean() })),
    ownerId: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    createdBy: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'Person' });
export type TPerson = z.infer<typeof ZPerson>;

export const PERSON_SORTS = ['createdAt', 'updatedAt', 'firstName', 'lastName'] as const;

export const ZListPeopleQuery = ZListQuery.extend({
  q: z.string().trim().max(200).optional().describe('Matches names and emails'),
  ownerId: z.uuid().optional(),
  sort: z
    .enum([...PERSON_SORTS, ...PERSON_SORTS.map((s) => `-${s}` as const)])
    .default('-createdAt')
    .describe('Field to sort by; a leading "-" sorts descending'),
});
export type TListPeopleQuery = z.infer<typeof ZListPeopleQuery>;
