import { z } from 'zod';
import { ZListQuery } from './common.schema.ts';

export const ZNotification = z
  .object({
    id: z.string(),
    kind: z.string().describe('e.g. taskDue'),
    title: z.string(),
    recordType: z.string().nullable(),
    recordId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Notification' });
export type TNotification = z.infer<typeof ZNotification>;

export const ZListNotificationsQuery = ZListQuery.extend({
  isUnreadOnly: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true')
    .describe('Only unread ones'),
});
export type TListNotificationsQuery = z.infer<typeof ZListNotificationsQuery>;
