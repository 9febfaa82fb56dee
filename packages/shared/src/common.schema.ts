import { z } from 'zod';

export const ZId = z.uuid().describe('Record id');

/** Keyset pagination: `cursor` is opaque; `limit` is capped so no page is unbounded. */
export const ZListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(2000).optional(),
});

export const listResponse = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() });

export const ZErrorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: 'Error' });

export const ZOk = z.object({ ok: z.literal(true) });
