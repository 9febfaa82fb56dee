import {
  type TEventInput,
  type TIngestEventsResponse,
  type TRejectedEvent,
  ZCreatePersonRequest,
  ZEventInput,
} from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { assertCanWrite, type TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { createPerson, findVisiblePersonIds, resolvePersonIdentifiers } from '../people/index.ts';
import { selectAnonymousIdentities, type TEventRow, writeBatch } from './events.repository.ts';
import { anonymousKey, identifierKey, identifiersOf, type TEventIdentifier } from './events-identity.ts';
import { placeOrders } from './events-orders.ts';
import { ensurePartitionsFor } from './events-partitions.ts';
import { loadEventsSettings } from './events-settings.service.ts';

type TValidEvent = { index: number; event: TEventInput; identifiers: TEventIdentifier[] };

/** Each item checked on its own: the valid ones go on, every problem of the others is reported. */
function validate(items: readonly unknown[]): { valid: TValidEvent[]; rejected: TRejectedEvent[] } {
  const valid: TValidEvent[] = [];
  const rejected: TRejectedEvent[] = [];
  items.forEach((item, index) => {
    const parsed = ZEventInput.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        rejected.push({ index, path: issue.path.map(String).join('.'), message: issue.message });
      }
      return;
    }
    valid.push({ index, event: parsed.data, identifiers: identifiersOf(parsed.data.person) });
  });
  return { valid, rejected };
}

/** Who each identifier is, in one query for the batch; several people sharing one: the lowest id. */
async function resolveIdentifiers(trx: TTrx, actor: TActor, events: readonly TValidEvent[]) {
  const wanted = new Map<string, TEventIdentifier>();
  for (const { identifiers } of events)
    for (const identifier of identifiers) wanted.set(identifier.key, identifier);
  const rows = await resolvePersonIdentifiers(trx, actor.workspaceId, [...wanted.values()]);
  const byKey = new Map<string, string>();
  for (const row of rows) {
    const key = identifierKey(row.kind, row.source, row.value);
    const known = byKey.get(key);
    if (!known || row.personId < known) byKey.set(key, row.personId);
  }
  return byKey;
}

/**
 * Creates the customers that events name but Kap does not know (setting `createUnknownPeople`),
 * one per distinct identifier set, through the people module like any other new person.
 */
async function createUnknownPeople(
  trx: TTrx,
  actor: TActor,
  unknown: readonly TValidEvent[],
  byKey: Map<string, string>,
  rejected: TRejectedEvent[],
): Promise<Set<number>> {
  const failed = new Set<number>();
  for (const item of unknown) {
    if (item.identifiers.some((identifier) => byKey.has(identifier.key))) continue; // made for an earlier event
    const input = ZCreatePersonRequest.safeParse({
      emails: item.identifiers
        .filter((i) => i.kind === 'email')
        .map((i) => ({ email: i.value, isPrimary: true })),
      phones: item.identifiers
        .filter((i) => i.kind === 'phone')
        .map((i) => ({ number: i.value, isPrimary: true })),
      externalIds: item.identifiers
        .filter((i) => i.kind === 'externalId')
        .map((i) => ({ source: i.source, id: i.value })),
      leadSource: `event:${item.event.channel}`,
    });
    try {
      if (!input.success)
        throw new AppError('VALIDATION_FAILED', input.error.issues[0]?.message ?? 'Invalid person');
      const person = await createPerson(trx, actor, input.data);
      for (const identifier of item.identifiers) byKey.set(identifier.key, person.id);
    } catch (error) {
      // Refused before any write (a phone no country accepts...): that event alone is rejected.
      if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
      rejected.push({
        index: item.index,
        path: 'person',
        message: `Cannot create this customer: ${error.message}`,
      });
      failed.add(item.index);
    }
  }
  return failed;
}

/**
 * Stores a batch of events (ADR 0008): valid events are stored, invalid ones reported by index;
 * a retried batch stores nothing twice; customers are resolved with one query per kind of
 * identifier for the whole batch; anonymous visitors are linked once they identify themselves.
 */
export async function ingestEvents(
  trx: TTrx,
  actor: TActor,
  items: readonly unknown[],
): Promise<TIngestEventsResponse> {
  assertCanWrite(actor, 'events');
  const { valid, rejected } = validate(items);

  const explicitIds = [
    ...new Set(valid.flatMap(({ event }) => (event.person.id ? [event.person.id.toLowerCase()] : []))),
  ];
  // Anonymous ids already linked are resolved inside the insert (ADR 0008); only orders need their
  // customer beforehand, so only anonymous-only order events are looked up here.
  const anonymousIds = [
    ...new Set(
      valid.flatMap(({ event, identifiers }) =>
        event.type === 'order_placed' && !event.person.id && identifiers.length === 0
          ? (event.person.anonymousId ?? [])
          : [],
      ),
    ),
  ];
  const [knownIds, byKey, anonymous] = [
    explicitIds.length > 0 ? await findVisiblePersonIds(trx, actor, explicitIds) : new Set<string>(),
    await resolveIdentifiers(trx, actor, valid),
    await selectAnonymousIdentities(trx, actor.workspaceId, anonymousIds),
  ];

  const stored: TValidEvent[] = [];
  const seen = new Set<string>();
  let repeats = 0;
  for (const item of valid) {
    const id = item.event.person.id?.toLowerCase();
    if (id && !knownIds.has(id)) {
      rejected.push({ index: item.index, path: 'person.id', message: 'No such person in this workspace' });
    } else if (seen.has(item.event.id)) {
      repeats++; // the same id twice in one request is one event (the first)
    } else {
      seen.add(item.event.id);
      stored.push(item);
    }
  }

  const unknown = stored.filter(
    (item) =>
      !item.event.person.id &&
      item.identifiers.length > 0 &&
      !item.identifiers.some((identifier) => byKey.has(identifier.key)),
  );
  if (unknown.length > 0 && (await loadEventsSettings(trx, actor.workspaceId)).createUnknownPeople) {
    const failed = await createUnknownPeople(trx, actor, unknown, byKey, rejected);
    if (failed.size > 0) stored.splice(0, stored.length, ...stored.filter((item) => !failed.has(item.index)));
  }

  const newLinks = new Map<string, string>();
  const resolvedKeys = new Map<string, string>();
  const allRows: TEventRow[] = stored.map(({ event, identifiers }) => {
    const byIdentifier = identifiers.map((identifier) => byKey.get(identifier.key)).find(Boolean);
    const explicit = event.person.id?.toLowerCase();
    const anonymousId = event.person.anonymousId ?? null;
    const identified = explicit ?? byIdentifier;
    const personId = identified ?? (anonymousId ? anonymous.get(anonymousId) : undefined) ?? null;
    if (identified) {
      for (const identifier of identifiers)
        if (byKey.get(identifier.key) === identified) resolvedKeys.set(identifier.key, identified);
      // The visitor has identified themselves: their anonymous id is this person from now on.
      if (anonymousId && !anonymous.has(anonymousId) && !newLinks.has(anonymousId))
        newLinks.set(anonymousId, identified);
    }
    return {
      occurred_at: new Date(event.occurredAt).toISOString(),
      event_id: event.id,
      type: event.type,
      channel: event.channel,
      person_id: personId,
      anonymous_id: anonymousId,
      pending_key: personId
        ? null
        : (identifiers[0]?.key ?? (anonymousId ? anonymousKey(anonymousId) : null)),
      properties: event.properties,
    };
  });

  // Anonymous events earlier in this same batch than the one that identified their visitor.
  for (const row of allRows) {
    const personId = row.person_id === null && row.anonymous_id ? newLinks.get(row.anonymous_id) : undefined;
    if (personId && row.pending_key === anonymousKey(row.anonymous_id ?? '')) {
      row.person_id = personId;
      row.pending_key = null;
    }
  }
  const refused = await placeOrders(
    trx,
    actor,
    stored.map((item, i) => ({
      index: item.index,
      event: item.event,
      personId: allRows[i]?.person_id ?? null,
    })),
    rejected,
  );
  const rows =
    refused.size === 0 ? allRows : allRows.filter((_row, i) => !refused.has(stored[i]?.index ?? -1));
  await ensurePartitionsFor(trx, rows);
  const accepted = await writeBatch(trx, actor.workspaceId, {
    rows,
    anonymousLinks: [...newLinks].map(([anonymousId, personId]) => ({ anonymousId, personId })),
    // Earlier events of visitors and customers known only now join their person.
    resolvedKeys: [...resolvedKeys].map(([key, personId]) => ({ key, personId })),
  });
  rejected.sort((a, b) => a.index - b.index);
  return { accepted, duplicates: repeats + rows.length - accepted, rejected };
}
