import { DEFAULT_ACTIVITY_CHANNEL, type TExternalId } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { newId } from '../../lib/ids.ts';
import {
  findImportedActivities,
  insertImportedActivities,
  sanitizeActivityBody,
  type TImportedActivity,
  type TImportedActivityFields,
  type TStoredActivity,
  updateImportedActivities,
} from '../activities/index.ts';
import { resolvePersonIdentifiers } from '../people/index.ts';
import { activityIdentityOf, identityKeyOf, mergeActivityFields } from './import-activity-identity.ts';
import type { TBatchContext, TBatchPlan } from './import-batch.types.ts';
import { createBatchOutcomes, updateRecordsWithImages } from './import-batch-outcomes.ts';
import { findOrCreateCompanyIds } from './import-companies.batch.ts';
import type { TActivityImportRecord } from './mapping/index.ts';
import type { TSourceRow } from './reading/index.ts';
import { stableStringify } from './stable-stringify.ts';

const personKeyOf = (match: { email: string | null; externalId: TExternalId | null }) =>
  match.externalId
    ? { kind: 'externalId' as const, source: match.externalId.source, value: match.externalId.id }
    : match.email
      ? { kind: 'email' as const, source: '', value: match.email.toLowerCase() }
      : null;

type TNewActivity = TImportedActivity & { companyName: string | null };

type TPending = {
  activity: TNewActivity;
  isNew: boolean;
  before: TStoredActivity | null;
  isChanged: boolean;
};

const fieldsOf = (a: TImportedActivityFields): TImportedActivityFields => ({
  type: a.type,
  channel: a.channel,
  direction: a.direction,
  occurredAt: a.occurredAt,
  durationSeconds: a.durationSeconds,
  outcome: a.outcome,
  subject: a.subject,
  body: a.body,
});

/**
 * Activities rows. Each is linked to the person its email or external id names — one identifier
 * lookup per batch; a row naming a person Kap does not have is rejected — and to its company,
 * found or created. A row is the same activity as one an earlier import (or an earlier row of the
 * file) wrote when it has the same external id, or, without one, the same import key (a hash of
 * its mapped values and links): such rows are skipped, or in fillEmpty/overwrite mode update the
 * activity their external id names. See the README.
 */
export async function planActivitiesBatch(
  trx: TTrx,
  rows: readonly TSourceRow[],
  context: TBatchContext,
): Promise<TBatchPlan> {
  const { counts, results, rejected, reject } = createBatchOutcomes();
  const converted: { row: TSourceRow; record: TActivityImportRecord }[] = [];
  const skip = (row: TSourceRow, matchedId: string) => {
    counts.skipped++;
    results.push({
      row: row.rowNumber + 1,
      outcome: 'skip',
      values: null,
      matchedId,
      reason: null,
      column: null,
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
  const linked: { row: TSourceRow; record: TActivityImportRecord; personId: string | null }[] = [];
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
    linked.push({ row, record, personId: personId ?? null });
  }

  const identities = linked.map(({ record, personId }) => activityIdentityOf(record, personId));
  const stored = new Map(
    (
      await findImportedActivities(trx, context.workspaceId, {
        externalIds: identities.flatMap((i) =>
          i.externalSource !== null && i.externalId !== null
            ? [{ source: i.externalSource, id: i.externalId }]
            : [],
        ),
        importKeys: identities.flatMap((i) => (i.importKey === null ? [] : [i.importKey])),
      })
    ).map((activity) => [identityKeyOf(activity), activity]),
  );
  const pending = new Map<string, TPending>();
  const now = new Date().toISOString();
  linked.forEach(({ row, record, personId }, index) => {
    const identity = identities[index] ?? activityIdentityOf(record, personId);
    const identityKey = identityKeyOf(identity);
    const input = record.input;
    const incoming: TImportedActivityFields = {
      type: input.type,
      channel: input.channel ?? DEFAULT_ACTIVITY_CHANNEL[input.type],
      direction: input.direction ?? null,
      occurredAt: input.occurredAt ?? now,
      durationSeconds: input.durationSeconds ?? null,
      outcome: input.outcome || null,
      subject: input.subject || null,
      // Compared with stored bodies, which were sanitised on the way in.
      body: input.body ? sanitizeActivityBody(input.body) : null,
    };
    const keep = results.length < context.keepValues;
    let entry = pending.get(identityKey);
    const before = entry ? null : stored.get(identityKey);
    if (!entry && !before) {
      const activity: TNewActivity = {
        id: newId(),
        ...incoming,
        ...identity,
        ownerId: context.actor.userId,
        links: personId ? [{ recordType: 'person' as const, recordId: personId }] : [],
        companyName: record.companyName,
      };
      pending.set(identityKey, { activity, isNew: true, before: null, isChanged: true });
      counts.created++;
      results.push({
        row: row.rowNumber + 1,
        outcome: 'create',
        values: keep ? { ...incoming, personId } : null,
        matchedId: null,
        reason: null,
        column: null,
      });
      return;
    }
    const matchedId = entry?.activity.id ?? before?.id ?? '';
    // An import key is the row's content: a row matching one has nothing new to write.
    if (context.mode === 'skip' || identity.importKey !== null) {
      skip(row, matchedId);
      return;
    }
    if (!entry && before) {
      entry = {
        activity: {
          ...fieldsOf(before),
          ...identity,
          id: before.id,
          ownerId: null,
          links: [],
          companyName: null,
        },
        isNew: false,
        before,
        isChanged: false,
      };
      pending.set(identityKey, entry);
    }
    if (!entry) return;
    const current = fieldsOf(entry.activity);
    const merged = mergeActivityFields(current, incoming, input, context.mode);
    if (stableStringify(merged) === stableStringify(current)) {
      skip(row, matchedId);
      return;
    }
    Object.assign(entry.activity, merged);
    entry.isChanged = true;
    counts.updated++;
    results.push({
      row: row.rowNumber + 1,
      outcome: 'update',
      values: keep ? { ...merged, personId } : null,
      matchedId,
      reason: null,
      column: null,
    });
  });

  const write = async (writeTrx: TTrx) => {
    const entries = [...pending.values()].filter((e) => e.isChanged);
    const created = entries.filter((e) => e.isNew).map((e) => e.activity);
    const names = created.flatMap((a) => (a.companyName ? [a.companyName] : []));
    const companyIds =
      names.length > 0 ? await findOrCreateCompanyIds(writeTrx, context, names) : new Map<string, string>();
    for (const activity of created) {
      const companyId = activity.companyName ? companyIds.get(activity.companyName.toLowerCase()) : undefined;
      if (companyId) activity.links.push({ recordType: 'company', recordId: companyId });
    }
    await insertImportedActivities(writeTrx, context.workspaceId, created, {
      marker: context.marker,
      type: context.actor.type,
      name: context.actor.name,
    });
    const updates = entries.filter((e) => !e.isNew);
    await updateRecordsWithImages(
      writeTrx,
      context,
      updates.map((e) => ({ record: e.activity, before: e.before && fieldsOf(e.before) })),
      updateImportedActivities,
    );
  };
  return { results, rejected, counts, write };
}
