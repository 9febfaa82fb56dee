import type { TCreatePersonRequest, TExternalId, TImportMatchKey } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { newId } from '../../lib/ids.ts';
import { findCompaniesByNames } from '../companies/index.ts';
import {
  insertImportedPeople,
  linkImportedPeopleToCompanies,
  resolvePersonIdentifiers,
  selectCompanyIdsOfPeople,
  selectPeopleForImport,
  type TImportedPerson,
  type TStoredPerson,
  updateImportedPeople,
} from '../people/index.ts';
import { isBlank, type TBatchContext, type TBatchPlan } from './import-batch.types.ts';
import {
  createBatchOutcomes,
  updateRecordsWithImages,
  withoutVersionStamp,
} from './import-batch-outcomes.ts';
import { findOrCreateCompanyIds } from './import-companies.batch.ts';
import type { TSourceRow } from './reading/index.ts';
import { stableStringify } from './stable-stringify.ts';

/** A converted people row (from the mapping's row converter). */
export type TPersonRecord = {
  input: TCreatePersonRequest;
  companyName: string | null;
  match: { email: string | null; phone: string | null; externalId: TExternalId | null };
};

type TIdentifierKey = { kind: 'email' | 'phone' | 'externalId'; source: string; value: string };
const keyOf = (k: TIdentifierKey) => `${k.kind}\u0000${k.source}\u0000${k.value}`;

/** The keys a record is matched on, in the order the user chose them. */
function matchKeysOf(record: TPersonRecord, match: readonly TImportMatchKey[]): TIdentifierKey[] {
  const keys: TIdentifierKey[] = [];
  for (const kind of match) {
    if (kind === 'email' && record.match.email) keys.push({ kind, source: '', value: record.match.email });
    if (kind === 'phone' && record.match.phone) keys.push({ kind, source: '', value: record.match.phone });
    if (kind === 'externalId' && record.match.externalId) {
      keys.push({ kind, source: record.match.externalId.source, value: record.match.externalId.id });
    }
  }
  return keys;
}

const externalKeysOf = (externalIds: readonly TExternalId[]): TIdentifierKey[] =>
  externalIds.map((x) => ({ kind: 'externalId' as const, source: x.source, value: x.id }));

const SCALARS = [
  'firstName',
  'lastName',
  'displayName',
  'birthDate',
  'gender',
  'preferredLanguage',
  'preferredChannel',
  'timezone',
  'jobTitle',
  'lifecycleStage',
  'leadSource',
  'ownerId',
] as const;

function newPerson(input: TCreatePersonRequest, defaultOwnerId: string | null): TImportedPerson {
  const primaryFirst = <T extends { isPrimary: boolean }>(items: T[]) =>
    items.map((item, index) => ({
      ...item,
      isPrimary: items.some((i) => i.isPrimary) ? item.isPrimary : index === 0,
    }));
  return {
    id: newId(),
    firstName: input.firstName || null,
    lastName: input.lastName || null,
    displayName: input.displayName || null,
    emails: primaryFirst(input.emails ?? []),
    phones: primaryFirst(input.phones ?? []),
    addresses: (input.addresses ?? []) as TImportedPerson['addresses'],
    birthDate: input.birthDate ?? null,
    gender: input.gender || null,
    preferredLanguage: input.preferredLanguage ?? null,
    preferredChannel: input.preferredChannel ?? null,
    timezone: input.timezone ?? null,
    jobTitle: input.jobTitle || null,
    lifecycleStage: input.lifecycleStage || null,
    leadSource: input.leadSource || null,
    tags: input.tags ?? [],
    interests: input.interests ?? [],
    preferences: {},
    externalIds: input.externalIds ?? [],
    customFields: Object.fromEntries(Object.entries(input.customFields ?? {}).filter(([, v]) => !isBlank(v))),
    ownerId: input.ownerId === undefined ? defaultOwnerId : input.ownerId,
  };
}

function appendUnique<T>(
  current: T[],
  more: T[],
  keyOfItem: (item: T) => string,
  demotePrimary: boolean,
): T[] {
  const seen = new Set(current.map(keyOfItem));
  const added = more
    .filter((item) => !seen.has(keyOfItem(item)))
    .map((item) => (demotePrimary && current.length > 0 ? { ...item, isPrimary: false } : item));
  return added.length === 0 ? current : [...current, ...added];
}

/**
 * The record after a matching row: `fillEmpty` sets only what is empty on it, `overwrite` what
 * the row has. Lists (emails, phones, external ids, tags) gain the row's new entries either way.
 */
export function mergePerson(
  current: TImportedPerson,
  input: TCreatePersonRequest,
  mode: 'fillEmpty' | 'overwrite',
): TImportedPerson {
  const next: TImportedPerson = { ...current };
  const incoming = newPerson(input, null);
  for (const key of SCALARS) {
    if (key === 'ownerId' && input.ownerId === undefined) continue;
    const value = incoming[key];
    if (isBlank(value)) continue;
    if (mode === 'overwrite' || isBlank(current[key])) (next as Record<string, unknown>)[key] = value;
  }
  if (incoming.addresses.length > 0 && (mode === 'overwrite' || current.addresses.length === 0)) {
    next.addresses = incoming.addresses;
  }
  next.emails = appendUnique(current.emails, incoming.emails, (e) => e.email, true);
  next.phones = appendUnique(current.phones, incoming.phones, (p) => p.number, true);
  next.externalIds = appendUnique(
    current.externalIds,
    incoming.externalIds,
    (x) => `${x.source}\u0000${x.id}`,
    false,
  );
  next.tags = [...new Set([...current.tags, ...incoming.tags])];
  next.interests = [...new Set([...current.interests, ...incoming.interests])];
  const fields = { ...current.customFields };
  for (const [key, value] of Object.entries(incoming.customFields)) {
    if (mode === 'overwrite' || isBlank(fields[key])) fields[key] = value;
  }
  next.customFields = fields;
  return next;
}

const isSamePerson = (a: TImportedPerson, b: TImportedPerson) => stableStringify(a) === stableStringify(b);

function storedValues(person: TImportedPerson, companyName: string | null): Record<string, unknown> {
  const { id: _id, preferences: _preferences, ...values } = person;
  return { ...values, company: companyName };
}

type TPending = {
  person: TImportedPerson;
  isNew: boolean;
  /** The stored row before this import touched it (existing records only). */
  before: TStoredPerson | null;
  isChanged: boolean;
  companyNames: Set<string>;
};

/**
 * Plans a batch of people rows: converts them, finds the records they match with one lookup
 * (identifiers of the whole batch) and one read (the matched people), and decides per row.
 * Rows of the batch that match each other land on one record, as if the earlier had been stored.
 */
export async function planPeopleBatch(
  trx: TTrx,
  rows: readonly TSourceRow[],
  context: TBatchContext,
): Promise<TBatchPlan> {
  const { counts, results, rejected, reject } = createBatchOutcomes();
  const converted: { row: TSourceRow; record: TPersonRecord }[] = [];
  for (const row of rows) {
    const conversion = context.convert(row);
    if (conversion.ok) converted.push({ row, record: conversion.record as TPersonRecord });
    else reject(row, conversion.reason, conversion.column);
  }

  const lookupKeys = new Map<string, TIdentifierKey>();
  for (const { record } of converted) {
    for (const key of [
      ...matchKeysOf(record, context.match),
      ...externalKeysOf(record.input.externalIds ?? []),
    ]) {
      lookupKeys.set(keyOf(key), key);
    }
  }
  const owners = new Map<string, string>();
  for (const found of await resolvePersonIdentifiers(trx, context.workspaceId, [...lookupKeys.values()])) {
    const key = keyOf(found);
    if (!owners.has(key)) owners.set(key, found.personId);
  }
  const matchedIds = new Set<string>();
  if (context.mode !== 'skip') {
    for (const { record } of converted) {
      for (const key of matchKeysOf(record, context.match)) {
        const owner = owners.get(keyOf(key));
        if (owner) {
          matchedIds.add(owner);
          break;
        }
      }
    }
  }
  const stored = new Map(
    (await selectPeopleForImport(trx, context.workspaceId, [...matchedIds])).map((p) => [p.id, p]),
  );
  // Whether a matched person is already at the row's company: a new link is an update too.
  const storedLinks = await selectCompanyIdsOfPeople(trx, context.workspaceId, [...stored.keys()]);
  const knownCompanies = await findCompaniesByNames(
    trx,
    context.workspaceId,
    storedLinks.size === 0
      ? []
      : converted.flatMap(({ record }) => (record.companyName ? [record.companyName] : [])),
  );
  const isLinked = (personId: string, companyName: string) => {
    const companyId = knownCompanies.get(companyName.toLowerCase());
    return companyId !== undefined && (storedLinks.get(personId)?.has(companyId) ?? false);
  };

  const pending = new Map<string, TPending>();
  /** Identifier → person id, for what this batch creates or changes. */
  const batchOwners = new Map<string, string>();
  const ownerOf = (key: string) => batchOwners.get(key) ?? owners.get(key);
  const claim = (person: TImportedPerson) => {
    for (const key of [
      ...person.emails.map((e) => ({ kind: 'email' as const, source: '', value: e.email })),
      ...person.phones.map((p) => ({ kind: 'phone' as const, source: '', value: p.number })),
      ...externalKeysOf(person.externalIds),
    ]) {
      if (!batchOwners.has(keyOf(key))) batchOwners.set(keyOf(key), person.id);
    }
  };
  const defaultOwnerId = context.actor.userId;

  for (const { row, record } of converted) {
    let targetId: string | undefined;
    for (const key of matchKeysOf(record, context.match)) {
      targetId = ownerOf(keyOf(key));
      if (targetId) break;
    }
    const takenExternal = externalKeysOf(record.input.externalIds ?? []).find((key) => {
      const owner = ownerOf(keyOf(key));
      return owner !== undefined && owner !== targetId;
    });
    if (takenExternal) {
      const reason = `External id ${takenExternal.source}:${takenExternal.value} belongs to another person`;
      reject(row, reason, null);
      continue;
    }
    const keep = results.length < context.keepValues;
    if (!targetId) {
      const person = newPerson(record.input, defaultOwnerId);
      const entry: TPending = { person, isNew: true, before: null, isChanged: true, companyNames: new Set() };
      if (record.companyName) entry.companyNames.add(record.companyName);
      pending.set(person.id, entry);
      claim(person);
      counts.created++;
      results.push({
        row: row.rowNumber + 1,
        outcome: 'create',
        values: keep ? storedValues(person, record.companyName) : null,
        matchedId: null,
        reason: null,
        column: null,
      });
      continue;
    }
    if (context.mode === 'skip') {
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
    let entry = pending.get(targetId);
    if (!entry) {
      const before = stored.get(targetId);
      if (!before) {
        // Matched through an identifier whose person is gone (deleted meanwhile): leave the row out.
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
      const { version: _v, updatedBy: _u, ...current } = before;
      entry = { person: current, isNew: false, before, isChanged: false, companyNames: new Set() };
      pending.set(targetId, entry);
    }
    const merged = mergePerson(entry.person, record.input, context.mode);
    const hasNewCompany =
      record.companyName !== null &&
      !entry.companyNames.has(record.companyName) &&
      !isLinked(targetId, record.companyName);
    if (record.companyName) entry.companyNames.add(record.companyName);
    if (isSamePerson(merged, entry.person) && !hasNewCompany) {
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
    entry.person = merged;
    entry.isChanged = true;
    claim(merged);
    counts.updated++;
    results.push({
      row: row.rowNumber + 1,
      outcome: 'update',
      values: keep ? storedValues(merged, record.companyName) : null,
      matchedId: targetId,
      reason: null,
      column: null,
    });
  }

  const write = async (writeTrx: TTrx) => {
    const entries = [...pending.values()].filter((e) => e.isChanged);
    const creates = entries.filter((e) => e.isNew).map((e) => e.person);
    const updates = entries.filter((e) => !e.isNew);
    await insertImportedPeople(writeTrx, context.workspaceId, creates, context.marker);
    await updateRecordsWithImages(
      writeTrx,
      context,
      updates.map((e) => ({ record: e.person, before: e.before && withoutVersionStamp(e.before) })),
      updateImportedPeople,
    );
    const names = entries.flatMap((e) => [...e.companyNames]);
    if (names.length > 0) {
      const companyIds = await findOrCreateCompanyIds(writeTrx, context, names);
      await linkImportedPeopleToCompanies(
        writeTrx,
        context.workspaceId,
        entries.flatMap((e) =>
          [...e.companyNames].flatMap((name) => {
            const companyId = companyIds.get(name.toLowerCase());
            return companyId ? [{ personId: e.person.id, companyId }] : [];
          }),
        ),
      );
    }
  };
  return { results, rejected, counts, write };
}
