import type { TCreateCompanyRequest, TExternalId, TImportMatchKey } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { externalIdKey } from '../../lib/external-ids.ts';
import { newId } from '../../lib/ids.ts';
import {
  findCompaniesByDomains,
  findCompaniesByExternalIds,
  findCompaniesByNames,
  insertImportedCompanies,
  selectCompaniesForImport,
  type TImportedCompany,
  type TStoredCompany,
  updateImportedCompanies,
} from '../companies/index.ts';
import { isBlank, type TBatchContext, type TBatchPlan } from './import-batch.types.ts';
import {
  createBatchOutcomes,
  updateRecordsWithImages,
  withoutVersionStamp,
} from './import-batch-outcomes.ts';
import type { TSourceRow } from './reading/index.ts';
import { stableStringify } from './stable-stringify.ts';

/** A converted companies row (from the mapping's row converter). */
export type TCompanyRecord = {
  input: TCreateCompanyRequest;
  match: { name: string | null; domain: string | null; externalId: TExternalId | null };
};

const externalKey = (externalId: TExternalId) => `externalId\u0000${externalIdKey(externalId)}`;

/** The keys a row is matched on, in the order the user chose them (name case-insensitively). */
function matchKeysOf(
  input: { name: string; domains?: string[] | undefined },
  externalIds: readonly TExternalId[],
  match: readonly TImportMatchKey[],
): string[] {
  return match.flatMap((kind) => {
    if (kind === 'name') return [`name\u0000${input.name.toLowerCase()}`];
    if (kind === 'domain') return (input.domains ?? []).map((d) => `domain\u0000${d}`);
    if (kind === 'externalId') return externalIds.map(externalKey);
    return [];
  });
}

/**
 * The companies named in a people batch, found by name (case-insensitively) or created: one
 * lookup and at most one insert per batch. Returns lowercased name → company id.
 */
export async function findOrCreateCompanyIds(
  trx: TTrx,
  context: TBatchContext,
  names: readonly string[],
): Promise<Map<string, string>> {
  const found = await findCompaniesByNames(trx, context.workspaceId, names);
  const missing = new Map<string, string>();
  for (const name of names) {
    const key = name.toLowerCase();
    if (!found.has(key) && !missing.has(key)) missing.set(key, name);
  }
  const created: TImportedCompany[] = [...missing.entries()].map(([key, name]) => {
    const company = emptyCompany(name, context.actor.userId);
    found.set(key, company.id);
    return company;
  });
  await insertImportedCompanies(trx, context.workspaceId, created, context.marker);
  return found;
}

function emptyCompany(name: string, ownerId: string | null): TImportedCompany {
  return {
    id: newId(),
    name,
    domains: [],
    industry: null,
    size: null,
    annualRevenue: null,
    currency: null,
    addresses: [],
    ownerId,
    tags: [],
    externalIds: [],
    customFields: {},
  };
}

function newCompany(record: TCompanyRecord, ownerId: string | null): TImportedCompany {
  const { input } = record;
  return {
    ...emptyCompany(input.name, input.ownerId === undefined ? ownerId : input.ownerId),
    domains: input.domains ?? [],
    industry: input.industry || null,
    size: input.size ?? null,
    annualRevenue: input.annualRevenue ?? null,
    currency: input.currency ?? null,
    addresses: (input.addresses ?? []) as TImportedCompany['addresses'],
    tags: input.tags ?? [],
    externalIds: record.match.externalId ? [record.match.externalId] : [],
    customFields: Object.fromEntries(Object.entries(input.customFields ?? {}).filter(([, v]) => !isBlank(v))),
  };
}

const SCALARS = ['name', 'industry', 'size', 'annualRevenue', 'currency', 'ownerId'] as const;

function mergeCompany(
  current: TImportedCompany,
  record: TCompanyRecord,
  mode: 'fillEmpty' | 'overwrite',
): TImportedCompany {
  const { input } = record;
  const incoming = newCompany(record, null);
  const next: TImportedCompany = { ...current };
  for (const key of SCALARS) {
    if (key === 'ownerId' && input.ownerId === undefined) continue;
    const value = incoming[key];
    if (isBlank(value)) continue;
    if (mode === 'overwrite' || isBlank(current[key])) (next as Record<string, unknown>)[key] = value;
  }
  if (incoming.addresses.length > 0 && (mode === 'overwrite' || current.addresses.length === 0)) {
    next.addresses = incoming.addresses;
  }
  next.domains = [...new Set([...current.domains, ...incoming.domains])];
  next.tags = [...new Set([...current.tags, ...incoming.tags])];
  const known = new Set(current.externalIds.map(externalIdKey));
  next.externalIds = [
    ...current.externalIds,
    ...incoming.externalIds.filter((x) => !known.has(externalIdKey(x))),
  ];
  const fields = { ...current.customFields };
  for (const [key, value] of Object.entries(incoming.customFields)) {
    if (mode === 'overwrite' || isBlank(fields[key])) fields[key] = value;
  }
  next.customFields = fields;
  return next;
}

type TPending = {
  company: TImportedCompany;
  isNew: boolean;
  before: TStoredCompany | null;
  isChanged: boolean;
};

/** Companies rows: matched on name (case-insensitive) and/or domain, one lookup of each per batch. */
export async function planCompaniesBatch(
  trx: TTrx,
  rows: readonly TSourceRow[],
  context: TBatchContext,
): Promise<TBatchPlan> {
  const { counts, results, rejected, reject } = createBatchOutcomes();
  const converted: { row: TSourceRow; record: TCompanyRecord }[] = [];
  for (const row of rows) {
    const conversion = context.convert(row);
    if (conversion.ok) converted.push({ row, record: conversion.record as TCompanyRecord });
    else reject(row, conversion.reason, conversion.column);
  }
  const externalIdsOf = (record: TCompanyRecord) =>
    record.match.externalId ? [record.match.externalId] : [];
  const keysOf = (record: TCompanyRecord) => matchKeysOf(record.input, externalIdsOf(record), context.match);
  const byName = context.match.includes('name');
  const byDomain = context.match.includes('domain');
  const names = byName ? converted.map((c) => c.record.input.name) : [];
  const domains = byDomain ? converted.flatMap((c) => c.record.input.domains ?? []) : [];
  // Every row's external id is looked up, matched on or not: one company per id, so a row
  // naming another company's id is refused rather than failing the batch on the unique key.
  const externalIds = converted.flatMap((c) => externalIdsOf(c.record));
  const owners = new Map<string, string>();
  for (const [name, id] of await findCompaniesByNames(trx, context.workspaceId, names)) {
    owners.set(`name\u0000${name}`, id);
  }
  for (const [domain, id] of await findCompaniesByDomains(trx, context.workspaceId, domains)) {
    owners.set(`domain\u0000${domain}`, id);
  }
  for (const [key, id] of await findCompaniesByExternalIds(trx, context.workspaceId, externalIds)) {
    owners.set(`externalId\u0000${key}`, id);
  }
  const matchedIds = new Set<string>();
  if (context.mode !== 'skip') {
    for (const { record } of converted) {
      const owner = keysOf(record)
        .map((k) => owners.get(k))
        .find(Boolean);
      if (owner) matchedIds.add(owner);
    }
  }
  const stored = new Map(
    (await selectCompaniesForImport(trx, context.workspaceId, [...matchedIds])).map((c) => [c.id, c]),
  );
  const pending = new Map<string, TPending>();
  const claim = (company: TImportedCompany) => {
    for (const key of [...matchKeysOf(company, [], context.match), ...company.externalIds.map(externalKey)]) {
      if (!owners.has(key)) owners.set(key, company.id);
    }
  };
  for (const { row, record } of converted) {
    const targetId = keysOf(record)
      .map((k) => owners.get(k))
      .find(Boolean);
    const takenExternal = externalIdsOf(record).find((x) => {
      const owner = owners.get(externalKey(x));
      return owner !== undefined && owner !== targetId;
    });
    if (takenExternal) {
      reject(row, `External id ${takenExternal.source}:${takenExternal.id} belongs to another company`, null);
      continue;
    }
    const keep = results.length < context.keepValues;
    if (!targetId) {
      const company = newCompany(record, context.actor.userId);
      pending.set(company.id, { company, isNew: true, before: null, isChanged: true });
      claim(company);
      counts.created++;
      results.push({
        row: row.rowNumber + 1,
        outcome: 'create',
        values: keep ? { ...company, id: undefined } : null,
        matchedId: null,
        reason: null,
        column: null,
      });
      continue;
    }
    let entry = pending.get(targetId);
    if (!entry && context.mode !== 'skip') {
      const before = stored.get(targetId);
      if (before) {
        const { version: _v, updatedBy: _u, ...current } = before;
        entry = { company: current, isNew: false, before, isChanged: false };
        pending.set(targetId, entry);
      }
    }
    if (context.mode === 'skip' || !entry) {
      counts.skipped++;
      results.push({
        row: row.rowNumber + 1,
        outcome: 'skip',
        values: null,
        matchedId: targetId,
        reason: null,
        column: null,
      });
      continue;
    }
    const merged = mergeCompany(entry.company, record, context.mode);
    if (stableStringify(merged) === stableStringify(entry.company)) {
      counts.skipped++;
      results.push({
        row: row.rowNumber + 1,
        outcome: 'skip',
        values: null,
        matchedId: targetId,
        reason: null,
        column: null,
      });
      continue;
    }
    entry.company = merged;
    entry.isChanged = true;
    claim(merged);
    counts.updated++;
    results.push({
      row: row.rowNumber + 1,
      outcome: 'update',
      values: keep ? { ...merged, id: undefined } : null,
      matchedId: targetId,
      reason: null,
      column: null,
    });
  }
  const write = async (writeTrx: TTrx) => {
    const entries = [...pending.values()].filter((e) => e.isChanged);
    await insertImportedCompanies(
      writeTrx,
      context.workspaceId,
      entries.filter((e) => e.isNew).map((e) => e.company),
      context.marker,
    );
    const updates = entries.filter((e) => !e.isNew);
    await updateRecordsWithImages(
      writeTrx,
      context,
      updates.map((e) => ({ record: e.company, before: e.before && withoutVersionStamp(e.before) })),
      updateImportedCompanies,
    );
  };
  return { results, rejected, counts, write };
}
