import type { TMergePeopleResponse, TMergeRequest } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, assertCanWrite, type TActor } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { assertFreshVersion } from '../../lib/if-match.ts';
import { recordAudit } from '../audit/index.ts';
import {
  assertAllFound,
  assertMergeRequest,
  insertMergeRedirects,
  pickSingle,
  runMergeHandlers,
} from '../merges/index.ts';
import { PERSON_COLUMNS, type TPersonRow } from './people.repository.ts';
import { NO_LINKS, replaceCompanyLinks, selectCompanyLinks } from './person-companies.repository.ts';
import { replaceIdentifiers } from './person-identifiers.repository.ts';
import { identifiersOf } from './person-input.ts';
import { mergePersonValues, PERSON_MERGE_FIELDS } from './person-merge.values.ts';
import { isVisible, snapshotOf, toPeople } from './person-view.ts';

/** Every person named, locked in id order (two merges over the same people cannot deadlock). */
async function lockPeople(
  trx: TTrx,
  actor: TActor,
  ids: readonly string[],
): Promise<Map<string, TPersonRow>> {
  const rows = await trx
    .selectFrom('people')
    .select(PERSON_COLUMNS)
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', 'in', [...ids])
    .orderBy('id')
    .forUpdate()
    .execute();
  return new Map(rows.filter((row) => isVisible(actor, row.ownerId)).map((row) => [row.id, row]));
}

async function loadRow(trx: TTrx, workspaceId: string, id: string): Promise<TPersonRow> {
  return trx
    .selectFrom('people')
    .select(PERSON_COLUMNS)
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/**
 * Merges people into one survivor, in the caller's transaction (one request: all or nothing).
 * The survivor takes the chosen or filled-in values and the union of the multi-valued ones;
 * activities, tasks, custom-field relations and whatever later modules registered
 * (`registerMergeHandler`) move to it; the merged people are deleted and their ids resolve to the
 * survivor from then on (record_merges).
 */
export async function mergePeople(
  trx: TTrx,
  actor: TActor,
  request: TMergeRequest,
  expectedVersion: number | null,
): Promise<TMergePeopleResponse> {
  assertCanWrite(actor, 'people');
  assertMergeRequest(request, PERSON_MERGE_FIELDS);
  const { survivorId, mergedIds } = request;
  const choices = request.fieldChoices ?? {};
  const rowsById = await lockPeople(trx, actor, [survivorId, ...mergedIds]);
  assertAllFound(request, new Set(rowsById.keys()), 'person');
  const rows = [survivorId, ...mergedIds].flatMap((id) => rowsById.get(id) ?? []);
  const survivor = rows[0];
  if (!survivor) throw new AppError('NOT_FOUND', 'Person not found');
  assertFreshVersion('surviving person', survivor.version, expectedVersion);
  const linksBefore = await selectCompanyLinks(trx, actor.workspaceId, [survivorId, ...mergedIds]);
  // Archived custom field values are merged too: archiving hides data, it does not drop it.
  const records = await toPeople(trx, actor.workspaceId, rows, true);
  const values = mergePersonValues(records, choices);
  const { companyLinks, ...fields } = values;

  // The merged people's identifiers go first: external ids are unique per workspace.
  await trx
    .deleteFrom('personIdentifiers')
    .where('workspaceId', '=', actor.workspaceId)
    .where('personId', 'in', [...mergedIds])
    .execute();
  const updated = await trx
    .updateTable('people')
    .set({
      ...fields,
      displayName: pickSingle(rows, choices.displayName, (row) => row.displayName) ?? null,
      emails: JSON.stringify(fields.emails),
      phones: JSON.stringify(fields.phones),
      addresses: JSON.stringify(fields.addresses),
      preferences: JSON.stringify(fields.preferences),
      externalIds: JSON.stringify(fields.externalIds),
      customFields: JSON.stringify(fields.customFields),
      version: survivor.version + 1,
      updatedAt: new Date(),
      updatedBy: actorId(actor),
    })
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', survivorId)
    .returning(PERSON_COLUMNS)
    .executeTakeFirstOrThrow();
  await replaceIdentifiers(
    trx,
    actor.workspaceId,
    survivorId,
    identifiersOf(updated.emails, updated.phones, updated.externalIds),
  );
  await replaceCompanyLinks(trx, actor.workspaceId, survivorId, companyLinks);

  const moved = await runMergeHandlers(trx, actor, {
    recordType: 'person',
    fromIds: mergedIds,
    toId: survivorId,
  });
  await insertMergeRedirects(trx, actor.workspaceId, {
    recordType: 'person',
    fromIds: mergedIds,
    toId: survivorId,
    mergedBy: actorId(actor),
  });
  // Company links and anything else keyed to the rows go with them (on delete cascade).
  await trx
    .deleteFrom('people')
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', 'in', [...mergedIds])
    .execute();

  // Handlers may have touched the survivor (a relation field pointing at a merged person).
  const finalRow = await loadRow(trx, actor.workspaceId, survivorId);
  const finalLinks =
    (await selectCompanyLinks(trx, actor.workspaceId, [survivorId])).get(survivorId) ?? NO_LINKS;
  await recordAudit(trx, actor, {
    action: 'person.merge',
    recordType: 'person',
    recordId: survivorId,
    before: snapshotOf(survivor, linksBefore.get(survivorId) ?? NO_LINKS),
    after: snapshotOf(finalRow, finalLinks),
    details: { mergedIds, fieldChoices: choices, moved },
  });
  for (const row of rows.slice(1)) {
    await recordAudit(trx, actor, {
      action: 'person.mergedInto',
      recordType: 'person',
      recordId: row.id,
      // No before/after diff: the record is gone; its last state is kept beside the survivor's id.
      after: { mergedInto: survivorId, record: snapshotOf(row, linksBefore.get(row.id) ?? NO_LINKS) },
    });
  }
  const [person] = await toPeople(trx, actor.workspaceId, [finalRow]);
  if (!person) throw new AppError('NOT_FOUND', 'Person not found');
  return { person, mergedIds, moved };
}
