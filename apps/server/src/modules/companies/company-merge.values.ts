import type { TCompany } from '@kap/shared';
import { externalIdKey } from '../../lib/external-ids.ts';
import { pickCustomFields, pickSingle, pickUnion } from '../merges/index.ts';

/** Fields a merge request may choose a record for (`fieldChoices`), besides `customFields.<key>`. */
export const COMPANY_MERGE_FIELDS = new Set([
  'name',
  'industry',
  'size',
  'annualRevenue',
  'parentCompanyId',
  'ownerId',
  'domains',
  'tags',
  'addresses',
  'externalIds',
]);

const same = (value: string) => value;

/**
 * The survivor's values after the merge; `records` is the survivor first, then the merged
 * companies. Revenue and its currency travel together (an amount means nothing without it).
 */
export function mergeCompanyValues(records: readonly TCompany[], choices: Readonly<Record<string, string>>) {
  const single = <K extends keyof TCompany>(field: K) =>
    pickSingle(records, choices[field], (c) => c[field]) ?? null;
  const revenueSource = choices.annualRevenue
    ? records.find((c) => c.id === choices.annualRevenue)
    : records.find((c) => c.annualRevenue !== null);
  const ids = new Set(records.map((c) => c.id));
  const parent = single('parentCompanyId');
  return {
    name: pickSingle(records, choices.name, (c) => c.name) ?? '',
    industry: single('industry'),
    size: single('size'),
    annualRevenue: revenueSource?.annualRevenue ?? null,
    currency: revenueSource?.currency ?? single('currency'),
    // A parent among the merged companies would make the survivor its own parent.
    parentCompanyId: parent && !ids.has(parent) ? parent : null,
    ownerId: single('ownerId'),
    domains: pickUnion(records, choices.domains, (c) => c.domains, same),
    tags: pickUnion(records, choices.tags, (c) => c.tags, same),
    addresses: pickUnion(
      records,
      choices.addresses,
      (c) => c.addresses,
      ({ label: _label, ...parts }) => JSON.stringify(parts),
    ),
    // Each external id is unique per workspace: the merged companies' ids move to the survivor.
    externalIds: pickUnion(records, choices.externalIds, (c) => c.externalIds, externalIdKey),
    customFields: pickCustomFields(records, choices),
  };
}
