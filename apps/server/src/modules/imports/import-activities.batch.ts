import { DEFAULT_ACTIVITY_CHANNEL, type TExternalId } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { newId } from '../../lib/ids.ts';
import { insertImportedActivities, type TImportedActivity } from '../activities/index.ts';
import { resolvePersonIdentifiers } from '../people/index.ts';
import {
  emptyCounts,
  type TBatchContext,
  type TBatchPlan,
  type TRejectedRow,
  type TRowResult,
} from './import-batch.types.ts';
import { findOrCreateCompanyIds } from './import-companies.batch.ts';
import type { TActivityImportRecord } from './mapping/index.ts';
import type { TSourceRow } from './reading/index.ts';

const personKeyOf = (match: { email: string | null; externalId: TExternalId | null }) =>
  match.externalId
    ? { kind: 'externalId' as const, source: match.externalId.source, value: match.externalId.id }
    : match.email
      ? { kind: 'email' as const, source: '', value: match.email.toLowerCase() }
      : null;

/**
 * Activities rows are always created (a file of interactions has no key to match them on). Each
 * is linked to the person its email or external id names — one identifier lookup per batch; a
 * row naming a person Kap does not have is rejected — and to its company, found or created.
 */
export async function planActivitiesBatch(
  trx: TTrx,
  rows: readonly TSourceRow[],
  context: TBatchContext,
): Promise<TBatchPlan> {
  const counts = emptyCounts();
  const results: TRowResult[] = [];
  const rejected: TRejectedRow[] = [];
  const converted: { row: TSourceRow; record: TActivityImportRecord }[] = [];
  const reject = (row: TSourceRow, reason: string, column: string | null) => {
    counts.rejected++;
    rejected.push({ row: row.rowNumber, cells: row.values, column, reason });
    results.push({
      row: row.rowNumber + 1,
      outcome: 'reject',
      values: null,
      matchedId: null,
      reason,
      column,
    });
  };
  for (const row of rows) {
    const conversion = context.convert(row);
    if (conversion.ok) converted.push({ row, record: conversion.record as TActivityImportRecord });
    else reject(row, conversion.reason, conversion.column);
  }
  const keys = converted.flatMap(({ record }) => {
    const key = personKeyOf(record.personMatch);
    return key ? [key] : [];
  });
  const people = new Map<string, string>();
  for (const found of await resolvePersonIdentifiers(trx, context.workspaceId, keys)) {
    const key = `${found.kind}\u0000${found.source}\u0000${found.value}`;
    if (!people.has(key)) people.set(key, found.personId);
  }
  const activities: (TImportedActivity & { companyName: string | null })[] = [];
  const now = new Date().toISOString();
  for (const { row, record } of converted) {
    const key = personKeyOf(record.personMatch);
    const personId = key ? people.get(`${key.kind}\u0000${key.source}\u0000${key.value}`) : undefined;
    if (key && !personId) {
      reject(
        row,
        `No person with ${key.kind === 'email' ? 'the email' : 'the external id'} "${key.value}"`,
        null,
      );
      continue;
    }
    const input = record.input;
    const activity = {
      id: newId(),
      type: input.type,
      channel: input.channel ?? DEFAULT_ACTIVITY_CHANNEL[input.type],
      direction: input.direction ?? null,
      occurredAt: input.occurredAt ?? now,
      durationSeconds: input.durationSeconds ?? null,
      outcome: input.outcome || null,
      subject: input.subject || null,
      body: input.body || null,
      ownerId: context.actor.userId,
      links: personId ? [{ recordType: 'person' as const, recordId: personId }] : [],
      companyName: record.companyName,
    };
    activities.push(activity);
    counts.created++;
    const keep = results.length < context.keepValues;
    const { id: _id, links: _links, ...values } = activity;
    results.push({
      row: row.rowNumber + 1,
      outcome: 'create',
      values: keep ? { ...values, personId: personId ?? null } : null,
      matchedId: null,
      reason: null,
      column: null,
    });
  }
  const write = async (writeTrx: TTrx) => {
    const names = activities.flatMap((a) => (a.companyName ? [a.companyName] : []));
    const companyIds =
      names.length > 0 ? await findOrCreateCompanyIds(writeTrx, context, names) : new Map<string, string>();
    for (const activity of activities) {
      const companyId = activity.companyName ? companyIds.get(activity.companyName.toLowerCase()) : undefined;
      if (companyId) activity.links.push({ recordType: 'company', recordId: companyId });
    }
    await insertImportedActivities(writeTrx, context.workspaceId, activities, {
      marker: context.marker,
      type: context.actor.type,
      name: context.actor.name,
    });
  };
  return { results, rejected, counts, write };
}
