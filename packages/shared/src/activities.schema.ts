import { z } from 'zod';
import { ZListQuery } from './common.schema.ts';
import { CHANNELS, csvOf } from './timeline.schema.ts';

export const ACTIVITY_TYPES = [
  'note',
  'call',
  'email',
  'meeting',
  'chat',
  'sms',
  'storeVisit',
  'social',
  'other',
] as const;
export type TActivityType = (typeof ACTIVITY_TYPES)[number];

export const DIRECTIONS = ['in', 'out'] as const;

/** Conversations have a direction (who reached out); a note, meeting, store visit or "other" may not. */
export const DIRECTIONAL_ACTIVITY_TYPES: readonly TActivityType[] = [
  'call',
  'email',
  'chat',
  'sms',
  'social',
];

/** The channel an activity gets when none is given. */
export const DEFAULT_ACTIVITY_CHANNEL: Record<TActivityType, (typeof CHANNELS)[number]> = {
  note: 'other',
  call: 'phone',
  email: 'email',
  meeting: 'other',
  chat: 'web',
  sms: 'mobileApp',
  storeVisit: 'store',
  social: 'social',
  other: 'other',
};

export const ZRecordIds = z.array(z.uuid()).max(100);

const activityFields = {
  type: z.enum(ACTIVITY_TYPES),
  channel: z.enum(CHANNELS).optional().describe('Default: from the type (call → phone, email → email, ...)'),
  direction: z
    .enum(DIRECTIONS)
    .nullable()
    .optional()
    .describe('Required for call, email, chat, sms and social'),
  occurredAt: z.iso.datetime({ offset: true }).optional().describe('Default: now'),
  durationSeconds: z
    .number()
    .int()
    .min(0)
    .max(31 * 24 * 3600)
    .nullable()
    .optional(),
  outcome: z.string().trim().max(200).nullable().optional(),
  subject: z.string().trim().max(500).nullable().optional(),
  body: z
    .string()
    .max(200_000)
    .nullable()
    .optional()
    .describe('HTML; sanitised on the server to a safe subset'),
  participantIds: z.array(z.uuid()).max(50).optional().describe('Users (members) who took part'),
  personIds: ZRecordIds.optional(),
  companyIds: ZRecordIds.optional(),
  dealIds: ZRecordIds.optional(),
};

export const ZCreateActivityRequest = z.object(activityFields);
export type TCreateActivityRequest = z.infer<typeof ZCreateActivityRequest>;

export const ZUpdateActivityRequest = z.object({ ...activityFields, type: activityFields.type.optional() });
export type TUpdateActivityRequest = z.infer<typeof ZUpdateActivityRequest>;

export const ZActivity = z
  .object({
    id: z.string(),
    type: z.enum(ACTIVITY_TYPES),
    channel: z.enum(CHANNELS),
    direction: z.enum(DIRECTIONS).nullable(),
    occurredAt: z.iso.datetime(),
    durationSeconds: z.number().int().nullable(),
    outcome: z.string().nullable(),
    subject: z.string().nullable(),
    body: z.string().nullable(),
    participantIds: z.array(z.string()),
    personIds: z.array(z.string()),
    companyIds: z.array(z.string()),
    dealIds: z.array(z.string()),
    ownerId: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    createdBy: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'Activity' });
export type TActivity = z.infer<typeof ZActivity>;

export const ZListActivitiesQuery = ZListQuery.extend({
  type: csvOf(z.enum(ACTIVITY_TYPES)).optional().describe('Comma-separated types'),
  channel: csvOf(z.enum(CHANNELS)).optional().describe('Comma-separated channels'),
  personId: z.uuid().optional(),
  companyId: z.uuid().optional(),
  occurredFrom: z.iso.datetime({ offset: true }).optional().describe('Inclusive'),
  occurredTo: z.iso.datetime({ offset: true }).optional().describe('Exclusive'),
  sort: z.enum(['-occurredAt', 'occurredAt']).default('-occurredAt'),
});
export type TListActivitiesQuery = z.infer<typeof ZListActivitiesQuery>;
