import { normalizePhoneNumber, type TCheckPersonDuplicatesRequest, type TPersonDuplicate } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { assertCanRead, type TActor } from '../../lib/actor.ts';
import type { TIdentifierKind } from './people.table.ts';
import { getDefaultCountry } from './people-settings.service.ts';
import { selectNameMatchesFor, selectPeopleByIdentifiers } from './person-duplicates.repository.ts';
import { NAME_MATCH_OPTIONS, rankMatches, toDuplicates } from './person-duplicates.service.ts';

type TIdentifier = { kind: TIdentifierKind; source: string; value: string };

/** The lookup values of the candidate, normalised as the service stores them; unreadable phones are skipped. */
async function identifiersOf(
  trx: TTrx,
  actor: TActor,
  input: TCheckPersonDuplicatesRequest,
): Promise<TIdentifier[]> {
  const phones = input.phones ?? [];
  const country = phones.some((p) => !p.number.startsWith('+'))
    ? await getDefaultCountry(trx, actor.workspaceId)
    : null;
  return [
    ...(input.emails ?? []).map((e) => ({
      kind: 'email' as const,
      source: '',
      value: e.email.toLowerCase(),
    })),
    ...phones.flatMap((p) => {
      const number = normalizePhoneNumber(p.number, country);
      return number ? [{ kind: 'phone' as const, source: '', value: number }] : [];
    }),
    ...(input.externalIds ?? []).map((x) => ({ kind: 'externalId' as const, source: x.source, value: x.id })),
  ];
}

/**
 * `POST /people/duplicates/check`: who a person not yet saved would duplicate, so a form or an
 * import can warn before writing. Same reasons and scores as for a saved person.
 */
export async function checkPersonDuplicates(
  trx: TTrx,
  actor: TActor,
  input: TCheckPersonDuplicatesRequest,
): Promise<TPersonDuplicate[]> {
  assertCanRead(actor, 'people');
  const fullName = [input.firstName, input.lastName].filter(Boolean).join(' ').trim();
  const name = (fullName || input.displayName || '').toLowerCase();
  const city = input.addresses?.[0]?.city?.trim().toLowerCase() || null;
  const byIdentifier = await selectPeopleByIdentifiers(
    trx,
    actor.workspaceId,
    await identifiersOf(trx, actor, input),
  );
  const byName = await selectNameMatchesFor(
    trx,
    actor.workspaceId,
    { name, city, companyIds: input.companyIds ?? [] },
    NAME_MATCH_OPTIONS,
  );
  return toDuplicates(trx, actor, await rankMatches(trx, actor, byIdentifier, byName));
}
