import { normalizePhoneNumber, type TErrorDetail, type TExternalId } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { assertExternalIdsListedOnce, externalIdsTakenError } from '../../lib/external-ids.ts';
import { findVisibleRecordIds, phoneError } from '../custom-fields/index.ts';
import { isMember } from '../workspaces/index.ts';
import type { TEmailValue, TPhoneValue } from './people.table.ts';
import type { TCompanyLinks } from './person-companies.repository.ts';
import type { TIdentifier } from './person-identifiers.repository.ts';
import { selectTakenExternalIds } from './person-identifiers.repository.ts';

const invalid = (details: TErrorDetail[]) => {
  const first = details[0];
  return new AppError(
    'VALIDATION_FAILED',
    first ? `Invalid ${first.path}: ${first.message}` : 'Invalid request',
    details,
  );
};

/** Exactly one primary per list: the one marked, else the first. Two marked is an error. */
export function withOnePrimary<T extends { isPrimary: boolean }>(items: T[], field: string): T[] {
  const marked = items.filter((item) => item.isPrimary).length;
  if (marked > 1) {
    throw new AppError('VALIDATION_FAILED', `Only one of ${field} can be primary`, [
      { path: field, message: 'Only one can be primary' },
    ]);
  }
  return items.map((item, index) => ({ ...item, isPrimary: marked === 0 ? index === 0 : item.isPrimary }));
}

/** Phones stored in E.164, so one number has one spelling and lookups by phone find it. */
export function normalizePhones(phones: TPhoneValue[], defaultCountry: string | null): TPhoneValue[] {
  const details: TErrorDetail[] = [];
  const normalized = phones.map((phone, index) => {
    const number = normalizePhoneNumber(phone.number, defaultCountry);
    if (!number) details.push({ path: `phones.${index}.number`, message: phoneError(defaultCountry) });
    return { ...phone, number: number ?? phone.number };
  });
  if (details.length > 0) throw invalid(details);
  return withOnePrimary(normalized, 'phones');
}

export async function assertOwnerIsMember(
  trx: TTrx,
  actor: TActor,
  ownerId: string | null | undefined,
): Promise<void> {
  // A signed-in user's own membership was checked when the request was authenticated.
  if (!ownerId || (actor.type === 'user' && ownerId === actor.userId)) return;
  if (!(await isMember(trx, actor.workspaceId, ownerId))) {
    throw invalid([{ path: 'ownerId', message: 'Not a member of this workspace' }]);
  }
}

export function assertBirthDate(birthDate: string | null | undefined): void {
  if (!birthDate) return;
  const today = new Date().toISOString().slice(0, 10);
  if (birthDate < '1800-01-01' || birthDate > today) {
    throw invalid([{ path: 'birthDate', message: 'Must be between 1800-01-01 and today' }]);
  }
}

/**
 * An external id (source + id) belongs to one person per workspace: the shop or app that sent it
 * must land on the same person every time. The unique index settles races; this names the field.
 */
export async function assertExternalIdsFree(
  trx: TTrx,
  workspaceId: string,
  externalIds: TExternalId[],
  personId: string | null,
): Promise<void> {
  assertExternalIdsListedOnce(externalIds);
  const taken = await selectTakenExternalIds(trx, workspaceId, externalIds, personId);
  if (taken.length > 0) throw externalIdsTakenError(externalIds, taken, 'person');
}

/** The lookup rows of a person: emails lowercase, phones E.164, external ids by source; each once. */
export function identifiersOf(
  emails: TEmailValue[],
  phones: TPhoneValue[],
  externalIds: TExternalId[],
): TIdentifier[] {
  const all: TIdentifier[] = [
    ...emails.map((e) => ({ kind: 'email' as const, source: '', value: e.email.toLowerCase() })),
    ...phones.map((p) => ({ kind: 'phone' as const, source: '', value: p.number })),
    ...externalIds.map((x) => ({ kind: 'externalId' as const, source: x.source, value: x.id })),
  ];
  const seen = new Set<string>();
  return all.filter((identifier) => {
    const key = `${identifier.kind}\u0000${identifier.source}\u0000${identifier.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The person's companies after this write: `companyIds` replaces the list when given; exactly one
 * is primary when there are any (the one named, else the current one if still listed, else the
 * first). Every company must be one the actor can see in this workspace.
 */
export async function resolveCompanyLinks(
  trx: TTrx,
  actor: TActor,
  input: { companyIds?: string[] | undefined; primaryCompanyId?: string | null | undefined },
  current: TCompanyLinks,
): Promise<TCompanyLinks> {
  const companyIds = input.companyIds ?? current.companyIds;
  if (input.companyIds) {
    const found = await findVisibleRecordIds(trx, actor, 'company', input.companyIds);
    const details = input.companyIds.flatMap((id, index) =>
      found.has(id) ? [] : [{ path: `companyIds.${index}`, message: 'No such company in this workspace' }],
    );
    if (details.length > 0) throw invalid(details);
  }
  const wanted = input.primaryCompanyId?.toLowerCase();
  if (wanted && !companyIds.includes(wanted)) {
    throw invalid([{ path: 'primaryCompanyId', message: 'Must be one of companyIds' }]);
  }
  const kept =
    current.primaryCompanyId && companyIds.includes(current.primaryCompanyId)
      ? current.primaryCompanyId
      : null;
  return { companyIds, primaryCompanyId: wanted || kept || companyIds[0] || null };
}
