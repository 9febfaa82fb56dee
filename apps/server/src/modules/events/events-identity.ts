import type { TEventPerson } from '@kap/shared';
import type { TPersonIdentifier } from '../people/index.ts';

/** An identifier of a customer as the people module stores it, with the key events wait under. */
export type TEventIdentifier = TPersonIdentifier & { key: string };

/**
 * The identifiers an event names, most specific first (external id, email, phone), normalised the
 * way the people module stores them: emails lowercase, phones "+" and digits (E.164).
 */
export function identifiersOf(person: TEventPerson): TEventIdentifier[] {
  const found: TEventIdentifier[] = [];
  if (person.externalId) {
    const { source, id } = person.externalId;
    found.push({ kind: 'externalId', source, value: id, key: `externalId:${source}:${id}` });
  }
  if (person.email) {
    const email = person.email.trim().toLowerCase();
    found.push({ kind: 'email', source: '', value: email, key: `email:${email}` });
  }
  if (person.phone) {
    const phone = `+${person.phone.replace(/\D/g, '')}`;
    found.push({ kind: 'phone', source: '', value: phone, key: `phone:${phone}` });
  }
  return found;
}

export const anonymousKey = (anonymousId: string) => `anon:${anonymousId}`;

export const identifierKey = (kind: string, source: string, value: string) =>
  kind === 'externalId' ? `externalId:${source}:${value}` : `${kind}:${value}`;
