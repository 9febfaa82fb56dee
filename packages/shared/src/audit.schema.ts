import { z } from 'zod';
import { ZListQuery } from './common.schema.ts';

export const ZAuditEntry = z
  .object({
    id: z.string(),
    occurredAt: z.iso.datetime(),
    actorType: z.enum(['user', 'apiKey', 'system']),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    recordType: z.string(),
    recordId: z.string(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZListAuditQuery = ZListQuery.extend({
  recordType: z.string().max(60).optional(),
  recordId: z.string().max(100).optional(),
  actorId: z.string().max(100).optional(),
  action: z.string().max(60).optional(),
});
