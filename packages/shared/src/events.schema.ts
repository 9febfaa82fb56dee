import { z } from 'zod';
import { ZExternalId } from './people.schema.ts';
import { CHANNELS } from './timeline.schema.ts';

/** At most this many events per request; a longer list is refused whole (400). */
export const MAX_EVENTS_PER_BATCH = 1000;
/** `properties` of one event, as JSON text. */
export const MAX_EVENT_PROPERTIES_BYTES = 16_384;
/** Events may be stamped at most this far ahead of the server's clock (clock skew). */
export const MAX_EVENT_FUTURE_MS = 24 * 60 * 60 * 1000;
export const MIN_EVENT_TIME = '1970-01-01T00:00:00Z';

/** Well-known types; any other string (≤ 100 characters) is accepted too. */
export const WELL_KNOWN_EVENT_TYPES = [
  'page_view',
  'product_viewed',
  'cart_updated',
  'checkout_started',
  'order_placed',
  'app_opened',
  'store_visit',
  'email_opened',
] as const;

/** The timeline's channels; `mobile_app` is read as `mobileApp`. */
export const ZEventChannel = z.preprocess(
  (value) => (value === 'mobile_app' ? 'mobileApp' : value),
  z.enum(CHANNELS),
);

/** UTF-8 bytes of a string without encoding it (runs in browsers too, for every event of a batch). */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) bytes += code >= 0x800 && (code < 0xd800 || code > 0xdfff) ? 2 : 1;
  }
  return bytes;
}

/** No C0 control character nor DEL (checked by code, not a regex of control characters). */
const hasNoControlCharacters = (value: string) => {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
  }
  return true;
};

/** Who did it: at least one of these. An identifier wins over the anonymous id; both link the two. */
export const ZEventPerson = z
  .object({
    id: z.uuid().optional().describe('A Kap person id'),
    email: z.email().max(320).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+[\d\s().-]{6,30}$/, 'Must be an international number starting with "+"')
      .optional(),
    externalId: ZExternalId.optional().describe(
      'The id in another system, e.g. {source: "shop", id: "C-1042"}',
    ),
    anonymousId: z
      .string()
      .min(1)
      .max(200)
      .refine(hasNoControlCharacters, 'Must not contain control characters')
      .optional()
      .describe('A cookie or device id of a visitor not (yet) known'),
  })
  .refine(
    (person) => Object.values(person).some((value) => value !== undefined),
    'Give at least one of id, email, phone, externalId, anonymousId',
  );
export type TEventPerson = z.infer<typeof ZEventPerson>;

export const ZEventInput = z
  .object({
    id: z
      .string()
      .min(1)
      .max(200)
      .refine(hasNoControlCharacters, 'Must not contain control characters')
      .describe("The sender's own id of the event: a retry with the same id and occurredAt is stored once"),
    type: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .describe(`Any string; well known: ${WELL_KNOWN_EVENT_TYPES.join(', ')}`),
    channel: ZEventChannel,
    occurredAt: z.iso
      .datetime({ offset: true })
      .refine((value) => !(Date.parse(value) < Date.parse(MIN_EVENT_TIME)), 'Must not be before 1970')
      .refine(
        (value) => !(Date.parse(value) > Date.now() + MAX_EVENT_FUTURE_MS),
        'Must not be more than a day ahead',
      ),
    properties: z
      .record(z.string(), z.unknown())
      .default({})
      .refine(
        (value) => utf8Length(JSON.stringify(value)) <= MAX_EVENT_PROPERTIES_BYTES,
        `Must be at most ${MAX_EVENT_PROPERTIES_BYTES} bytes of JSON`,
      ),
    person: ZEventPerson,
  })
  .meta({ id: 'EventInput' });
export type TEventInput = z.infer<typeof ZEventInput>;

/**
 * The request as a whole: malformed (not a list, empty, over 1,000) is a 400. The items are checked
 * one by one by the service, so one bad event does not sink the batch.
 */
export const ZIngestEventsRequest = z.object({
  events: z
    .array(z.unknown())
    .min(1)
    .max(MAX_EVENTS_PER_BATCH)
    .describe(`1 to ${MAX_EVENTS_PER_BATCH} events, each an EventInput`),
});

export const ZRejectedEvent = z.object({
  index: z.number().int().describe('Position of the event in the request'),
  path: z.string().describe('The field at fault inside the event, e.g. "occurredAt" or "person"'),
  message: z.string(),
});
export type TRejectedEvent = z.infer<typeof ZRejectedEvent>;

export const ZIngestEventsResponse = z
  .object({
    accepted: z.number().int().describe('Events stored by this request'),
    duplicates: z.number().int().describe('Valid events already stored (a retry) or repeated in the request'),
    rejected: z.array(ZRejectedEvent),
  })
  .meta({ id: 'IngestEventsResponse' });
export type TIngestEventsResponse = z.infer<typeof ZIngestEventsResponse>;

export const ZEventsSettings = z
  .object({
    createUnknownPeople: z
      .boolean()
      .describe(
        'An event naming an unknown email, phone or external id creates that person (else it waits unlinked)',
      ),
  })
  .meta({ id: 'EventsSettings' });
export type TEventsSettings = z.infer<typeof ZEventsSettings>;

export const ZEventFrequencyQuery = z.object({
  type: z.string().trim().min(1).max(100),
  minCount: z.coerce.number().int().min(1).max(1_000_000),
  days: z.coerce.number().int().min(1).max(3650),
});
export type TEventFrequencyQuery = z.infer<typeof ZEventFrequencyQuery>;

export const ZEventFrequencyResponse = z.object({
  count: z.number().int().describe('People who did `type` at least `minCount` times in the last `days` days'),
});
