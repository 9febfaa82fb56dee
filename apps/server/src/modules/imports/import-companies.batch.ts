import type { TCreateCompanyRequest } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { newId } from '../../lib/ids.ts';
import {
  findCompaniesByDomains,
  findCompaniesByNames,
  insertImportedCompanies,
  selectCompaniesForImport,
  type TImportedCompany,
  type TStoredCompany,
  updateImportedCompanies,
} from '../companies/index.ts';
import {
  emptyCounts,
  isBlank,
  type TBatchContext,
  type TBatchPlan,
  type TRejectedRow,
  type TRowResult,
} from './import-batch.types.ts';
import { insertUpdateImages } from './imports.repository.ts';
import type { TSourceRow } from './reading/index.ts';
import { stableStringify } from './stable-stringify.ts';

/** A converted companies row (from the mapping's row converter). */
export type TCompanyRecord = {
  input: TCreateCompanyRequest;
  match: { name: string | null; domain: string | null; externalId: unknown };
};

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
    customFields: {},
  };
}

function newCompany(input: TCreateCompanyRequest, ownerId: string | null): TImportedCompany {
  return {
    ...emptyCompany(input.name, input.ownerId === undefined ? ownerId : input.ownerId),
    domains: input.domains ?? [],
    industry: input.industry || null,
    size: input.size ?? null,
    annualRevenue: input.annualRevenue ?? null,
    currency: input.currency ?? null,
    addresses: (input.addresses ?? []) as TImportedCompany['addresses'],
    tags: input.tags ?? [],
    customFields: Object.fromEntries(Object.entries(input.customFields ?? {}).filter(([, v]) => !isBlank(v))),
  };
}

const SCALARS = ['name', 'industry', 'size', 'annualRevenue', 'currency', 'ownerId'] as const;

function mergeCompany(
  current: TImportedCompany,
  input: TCreateCompanyRequest,
  mode: 'fillEmpty' | 'overwrite',
): TImportedCompany {
  const incoming = newCompany(input, null);
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
  const counts = emptyCounts();
  const results: TRowResult[] = [];
  const rejected: TRejectedRow[] = [];
  const converted: { row: TSourceRow; record: TCompanyRecord }[] = [];
  for (const row of rows) {
    const conversion = context.convert(row);
    if (conversion.ok) converted.push({ row, record: conversion.record as TCompanyRecord });
    else {
      counts.rejected++;
      rejected.push({
        row: row.rowNumber,
        cells: row.values,
        column: conversion.column,
        reason: conversion.reason,
      });
      results.push({
        row: row.rowNumber + 1,
        outcome: 'reject',
        values: null,
        matchedId: null,
        reason: conversion.reason,
        column: conversion.column,
      });
    }
  }
  const byName = context.match.includes('name');
  const byDomain = context.match.includes('domain');
  const names = byName ? converted.map((c) => c.record.input.name) : [];
  const domains = byDomain ? converted.flatMap((c) => c.record.input.domains ?? []) : [];
  const nameOwners = await findCompaniesByNames(trx, context.workspaceId, names);
  const domainOwners = await findCompaniesByDomains(trx, context.workspaceId, domains);
  const keysOf = (input: TCreateCompanyRequest) => [
    ...(byName ? [`name\u0000${input.name.toLowerCase()}`] : []),
    ...(byDomain ? (input.domains ?? []).map((d) => `domain\u0000${d}`) : []),
  ];
  const owners = new Map<string, string>();
  for (const [name, id] of nameOwners) owners.set(`name\u0000${name}`, id);
  for (const [domain, id] of domainOwners) owners.set(`domain\u0000${domain}`, id);
  const matchedIds = new Set<string>();
  if (context.mode !== 'skip') {
    for (const { record } of converted) {
      const owner = keysOf(record.input)
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
    for (const key of keysOf({ name: company.name, domains: company.domains } as TCreateCompanyRequest)) {
      if (!owners.has(key)) owners.set(key, company.id);
    }
  };
  for (const { row, record } of converted) {
    const targetId = keysOf(record.input)
      .map((k) => owners.get(k))
      .find(Boolean);
    const keep = results.length < context.keepValues;
    if (!targetId) {
      const company = newCompany(record.input, context.actor.userId);
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
    const merged = mergeCompany(entry.company, record.input, context.mode);
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
    const versions = await updateImportedCompanies(
      writeTrx,
      context.workspaceId,
      updates.map((e) => e.company),
      context.marker,
    );
    await insertUpdateImages(
      writeTrx,
      context.workspaceId,
      context.importId,
      updates.flatMap((e) => {
        const versionAfter = versions.get(e.company.id);
        if (!e.before || versionAfter === undefined) return [];
        const { version: _v, updatedBy: _u, ...before } = e.before;
        return [{ recordId: e.company.id, before, versionAfter }];
      }),
    );
  };
  return { results, rejected, counts, write };
}
