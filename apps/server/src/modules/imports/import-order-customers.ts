import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import { newId } from '../../lib/ids.ts';
import { findCompaniesByNames, findVisibleCompanyIds } from '../companies/index.ts';
import {
  findVisiblePersonIds,
  insertImportedPeople,
  resolvePersonIdentifiers,
  type TImportedPerson,
} from '../people/index.ts';
import type { TOrderImportRecord } from './mapping/index.ts';

type TCustomer = TOrderImportRecord['customer'];
type TKey = { kind: 'externalId' | 'email' | 'phone'; source: string; value: string };

const keyText = (k: TKey) => `${k.kind}\u0000${k.source}\u0000${k.value}`;

/** The identifiers a row names its person by, strongest first. */
function keysOf(customer: TCustomer): TKey[] {
  const keys: TKey[] = [];
  if (customer.externalId)
    keys.push({ kind: 'externalId', source: customer.externalId.source, value: customer.externalId.id });
  if (customer.email) keys.push({ kind: 'email', source: '', value: customer.email });
  if (customer.phone) keys.push({ kind: 'phone', source: '', value: customer.phone });
  return keys;
}

const WHAT = { externalId: 'the external id', email: 'the email', phone: 'the phone' } as const;

export type TCustomerResolution =
  | { ok: true; personId: string | null; companyId: string | null }
  | { ok: false; reason: string; field: keyof TCustomer };

/** A person the import creates for a customer Kap does not have (option `createMissingCustomers`). */
export type TNewCustomer = { id: string; customer: TCustomer };

/**
 * Finds the customers of a batch's orders in two lookups (person identifiers, company names),
 * keeping only those the importing member may see. A person is named by external id, email or
 * phone (the first that finds one wins); a company by name, any case. Named but not found (or
 * not visible) → the order is refused with the reason, or, given `newCustomers`, a person is
 * planned there (created by the batch's write); named by nothing → an order without customer.
 */
export async function createCustomerResolver(
  trx: TTrx,
  actor: TActor,
  customers: readonly TCustomer[],
  newCustomers: Map<string, TNewCustomer> | null = null,
): Promise<(customer: TCustomer) => TCustomerResolution> {
  const keys = new Map<string, TKey>();
  for (const customer of customers) for (const key of keysOf(customer)) keys.set(keyText(key), key);
  const found = new Map<string, string>();
  for (const row of await resolvePersonIdentifiers(trx, actor.workspaceId, [...keys.values()])) {
    if (!found.has(keyText(row))) found.set(keyText(row), row.personId);
  }
  const visiblePeople = await findVisiblePersonIds(trx, actor, [...new Set(found.values())]);
  const names = customers.flatMap((c) => (c.companyName ? [c.companyName] : []));
  const companies = await findCompaniesByNames(trx, actor.workspaceId, names);
  const visibleCompanies = await findVisibleCompanyIds(trx, actor, [...new Set(companies.values())]);
  return (customer) => {
    const personKeys = keysOf(customer);
    let personId: string | null = null;
    for (const key of personKeys) {
      const id = found.get(keyText(key));
      if (id && visiblePeople.has(id)) {
        personId = id;
        break;
      }
    }
    const first = personKeys[0];
    // Only identifiers no person has: one an invisible person has is refused, not duplicated.
    if (first && !personId && newCustomers && personKeys.every((key) => !found.has(keyText(key)))) {
      // One new person per identifier, however many orders name it.
      const pending = personKeys.map((key) => newCustomers.get(keyText(key))).find(Boolean);
      const created = pending ?? { id: newId(), customer };
      for (const key of personKeys)
        if (!newCustomers.has(keyText(key))) newCustomers.set(keyText(key), created);
      personId = created.id;
    }
    if (first && !personId) {
      return {
        ok: false,
        reason: `No person with ${WHAT[first.kind]} "${first.value}"`,
        field: first.kind === 'externalId' ? 'externalId' : first.kind,
      };
    }
    let companyId: string | null = null;
    if (customer.companyName) {
      const id = companies.get(customer.companyName.toLowerCase());
      if (!id || !visibleCompanies.has(id)) {
        return { ok: false, reason: `No company named "${customer.companyName}"`, field: 'companyName' };
      }
      companyId = id;
    }
    return { ok: true, personId, companyId };
  };
}

/** Writes the people planned for unknown customers (before their orders), marked as the import's. */
export async function insertNewCustomers(
  trx: TTrx,
  workspaceId: string,
  newCustomers: ReadonlyMap<string, TNewCustomer>,
  ownerId: string | null,
  marker: string,
): Promise<number> {
  const people = new Map<string, TImportedPerson>();
  for (const { id, customer } of newCustomers.values()) {
    if (people.has(id)) continue;
    people.set(id, {
      id,
      firstName: null,
      lastName: null,
      displayName: null,
      emails: customer.email ? [{ email: customer.email, label: 'other', isPrimary: true }] : [],
      phones: customer.phone ? [{ number: customer.phone, label: 'other', isPrimary: true }] : [],
      addresses: [],
      birthDate: null,
      gender: null,
      preferredLanguage: null,
      preferredChannel: null,
      timezone: null,
      jobTitle: null,
      lifecycleStage: null,
      leadSource: null,
      tags: [],
      interests: [],
      preferences: {},
      externalIds: customer.externalId ? [customer.externalId] : [],
      customFields: {},
      ownerId,
    });
  }
  await insertImportedPeople(trx, workspaceId, [...people.values()], marker);
  return people.size;
}
