import { z } from 'zod';
import { ZListQuery } from './common.schema.ts';

/**
 * A comma-separated query value (`?kinds=activity,task`) as a list of `item`s. Invalid entries are
 * reported with their position, e.g. `kinds.1`.
 */
export const csvOf = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .max(1000)
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1).max(50));

/** Where an interaction happened: shared by activities and whatever later joins the timeline. */
export const CHANNELS = ['store', 'web', 'mobileApp', 'phone', 'email', 'social', 'other'] as const;
export type TChannel = (typeof CHANNELS)[number];

/** Kinds Kap itself puts on a timeline; later modules add theirs (`order`, `event`, `ticket`...). */
export const CORE_TIMELINE_KINDS = ['activity', 'task', 'change'] as const;

export const ZTimelineActor = z.object({
  type: z.string(),
  id: z.string().nullable(),
  name: z.string().nullable(),
});

export const ZTimelineItem = z
  .object({
    kind: z.string().describe('Which source the item comes from: activity, task, change, ...'),
    id: z.string(),
    occurredAt: z.iso.datetime().describe('ISO 8601 UTC with microseconds; the order of the stream'),
    title: z.string(),
    summary: z.string(),
    channel: z.string().nullable().optional(),
    actor: ZTimelineActor.nullable().optional(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'TimelineItem' });
export type TTimelineItem = z.infer<typeof ZTimelineItem>;

export const ZTimelineQuery = ZListQuery.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  kinds: csvOf(z.string().regex(/^[a-z][a-zA-Z]{0,39}$/, 'Not a timeline kind'))
    .optional()
    .describe('Comma-separated kinds to include, e.g. activity,task,change (default: all)'),
  channel: csvOf(z.enum(CHANNELS))
    .optional()
    .describe('Comma-separated channels; only items of these channels (items without one are left out)'),
});
export type TTimelineQuery = z.infer<typeof ZTimelineQuery>;
