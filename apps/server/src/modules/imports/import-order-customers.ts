import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import { findCompaniesByNames, findVisibleCompanyIds } from '../companies/index.ts';
import { findVisiblePersonIds, resolvePersonIdentifiers } from '../people/index.ts';
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

/**
 * Finds the customers of a batch's orders in two lookups (person identifiers, company names),
 * keeping only those the importing member may see. A person is named by external id, email or
 * phone (the first that finds one wins); a company by name, any case. Named but not found (or
 * not visible) → the order is refused with the reason; named by nothing → an anonymous order.
 */
export async function createCustomerResolver(
  trx: TTrx,
  actor: TActor,
  customers: readonly TCustomer[],
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
