import type { TCreatePersonRequest, TPerson, TUpdatePersonRequest } from '@kap/shared';
import { type RawBuilder, sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, assertCanRead, assertCanWrite, type TActor } from '../../lib/actor.ts';
import { notFound } from '../../lib/errors.ts';
import { externalIdRaceError } from '../../lib/external-ids.ts';
import { isUuid, newId } from '../../lib/ids.ts';
import { assertFreshVersion } from '../../lib/if-match.ts';
import { recordAudit } from '../audit/index.ts';
import { applyCustomFieldValues, type TValueContext } from '../custom-fields/index.ts';
import { PERSON_COLUMNS, selectPerson, type TPersonRow } from './people.repository.ts';
import { assertLifecycleStage, getDefaultCountry } from './people-settings.service.ts';
import {
  NO_LINKS,
  replaceCompanyLinks,
  selectCompanyLinks,
  type TCompanyLinks,
  toCompanyLinks,
} from './person-companies.repository.ts';
import { replaceIdentifiers } from './person-identifiers.repository.ts';
import {
  assertBirthDate,
  assertExternalIdsFree,
  assertOwnerIsMember,
  identifiersOf,
  normalizePhones,
  resolveCompanyLinks,
  withOnePrimary,
} from './person-input.ts';
import { selectPersonRecord } from './person-record.repository.ts';
import { isVisible, loadFieldKeysFor, snapshotOf, toPerson } from './person-view.ts';

async function getVisibleRow(trx: TTrx, actor: TActor, id: string, forUpdate = false): Promise<TPersonRow> {
  const row = isUuid(id) ? await selectPerson(trx, actor.workspaceId, id, forUpdate) : undefined;
  if (!row || !isVisible(actor, row.ownerId)) throw notFound('Person');
  return row;
}

export async function getPerson(
  trx: TTrx,
  actor: TActor,
  id: string,
  includeArchivedFields = false,
): Promise<TPerson> {
  return (await getPersonWith(trx, actor, id, sql<null>`null`, includeArchivedFields)).person;
}

/**
 * `getPerson`, with `alongWith` (a scalar subquery, e.g. the person's first timeline page) read in
 * the same statement; it is thrown away when the person is not visible (404).
 */
export async function getPersonWith<T>(
  trx: TTrx,
  actor: TActor,
  id: string,
  alongWith: RawBuilder<T>,
  includeArchivedFields = false,
): Promise<{ person: TPerson; alongWith: T }> {
  assertCanRead(actor, 'people');
  const row = isUuid(id)
    ? await selectPersonRecord(trx, actor.workspaceId, id, includeArchivedFields, alongWith)
    : undefined;
  if (!row || !isVisible(actor, row.ownerId)) throw notFound('Person');
  const person = toPerson(row, toCompanyLinks(row.companyLinks), new Set(row.visibleFieldKeys));
  return { person, alongWith: row.alongWith as T };
}

/** Reads the workspace's default phone country at most once per write, and only when needed. */
function contextOf(trx: TTrx, workspaceId: string): TValueContext {
  let country: Promise<string | null> | undefined;
  return {
    getDefaultCountry: () => {
      country ??= getDefaultCountry(trx, workspaceId);
      return country;
    },
  };
}

/** Stale writes are refused with 412 (`expectedVersion` comes from If-Match), never merged silently. */
function assertVersion(row: TPersonRow, expectedVersion: number | null): void {
  assertFreshVersion('person', row.version, expectedVersion);
}

type TPersonInput = TCreatePersonRequest | TUpdatePersonRequest;

/** Checks the input and turns it into column values; only the fields it names. */
async function toColumns(trx: TTrx, actor: TActor, input: TPersonInput, current: TPersonRow | null) {
  const context = contextOf(trx, actor.workspaceId);
  await assertLifecycleStage(trx, actor.workspaceId, input.lifecycleStage);
  assertBirthDate(input.birthDate);
  if (input.externalIds)
    await assertExternalIdsFree(trx, actor.workspaceId, input.externalIds, current?.id ?? null);
  const phones = input.phones ? normalizePhones(input.phones, await context.getDefaultCountry()) : undefined;
  const emails = input.emails ? withOnePrimary(input.emails, 'emails') : undefined;
  const customFields = input.customFields
    ? await applyCustomFieldValues(
        trx,
        actor,
        'person',
        current?.customFields ?? {},
        input.customFields,
        context,
      )
    : undefined;
  const json = (value: unknown) => (value === undefined ? undefined : JSON.stringify(value));
  const text = (value: string | null | undefined) => (value === undefined ? undefined : value || null);
  const columns = {
    firstName: text(input.firstName),
    lastName: text(input.lastName),
    displayName: text(input.displayName),
    emails: json(emails),
    phones: json(phones),
    addresses: json(input.addresses),
    birthDate: input.birthDate,
    gender: text(input.gender),
    preferredLanguage: input.preferredLanguage,
    preferredChannel: input.preferredChannel,
    timezone: input.timezone,
    jobTitle: text(input.jobTitle),
    lifecycleStage: text(input.lifecycleStage),
    leadSource: text(input.leadSource),
    tags: input.tags,
    interests: input.interests,
    preferences: json(input.preferences),
    externalIds: json(input.externalIds),
    customFields: json(customFields),
  };
  const isIdentityChanged = emails !== undefined || phones !== undefined || input.externalIds !== undefined;
  // Kysely leaves out undefined values: a PATCH changes only the fields it names.
  return { columns, isIdentityChanged };
}

/** A unique index refusing an external id means another write took it a moment ago. */
function rethrowDuplicate(error: unknown): never {
  if ((error as { code?: unknown; constraint?: unknown }).constraint === 'person_identifiers_external_key') {
    throw externalIdRaceError('person');
  }
  throw error;
}

async function saveRelations(
  trx: TTrx,
  actor: TActor,
  row: TPersonRow,
  links: TCompanyLinks | null,
  isIdentityChanged: boolean,
) {
  if (isIdentityChanged) {
    await replaceIdentifiers(
      trx,
      actor.workspaceId,
      row.id,
      identifiersOf(row.emails, row.phones, row.externalIds),
    ).catch(rethrowDuplicate);
  }
  if (links) await replaceCompanyLinks(trx, actor.workspaceId, row.id, links);
}

export async function createPerson(trx: TTrx, actor: TActor, input: TCreatePersonRequest): Promise<TPerson> {
  assertCanWrite(actor, 'people');
  const ownerId = input.ownerId === undefined ? actor.userId : input.ownerId;
  await assertOwnerIsMember(trx, actor, ownerId);
  const { columns } = await toColumns(trx, actor, input, null);
  const links = await resolveCompanyLinks(trx, actor, input, NO_LINKS);
  const now = new Date();
  const row = await trx
    .insertInto('people')
    .values({
      ...columns,
      workspaceId: actor.workspaceId,
      id: newId(),
      firstName: input.firstName || null,
      lastName: input.lastName || null,
      emails: columns.emails ?? '[]',
      phones: columns.phones ?? '[]',
      ownerId,
      createdAt: now,
      updatedAt: now,
      createdBy: actorId(actor),
      updatedBy: actorId(actor),
    })
    .returning(PERSON_COLUMNS)
    .executeTakeFirstOrThrow();
  await saveRelations(trx, actor, row, links.companyIds.length > 0 ? links : null, true);
  await recordAudit(trx, actor, {
    action: 'person.create',
    recordType: 'person',
    recordId: row.id,
    after: snapshotOf(row, links),
  });
  return toPerson(row, links, await loadFieldKeysFor(trx, actor.workspaceId, [row]));
}

export async function updatePerson(
  trx: TTrx,
  actor: TActor,
  id: string,
  input: TUpdatePersonRequest,
  expectedVersion: number | null,
): Promise<TPerson> {
  assertCanWrite(actor, 'people');
  const current = await getVisibleRow(trx, actor, id, true);
  assertVersion(current, expectedVersion);
  if (input.ownerId !== undefined) await assertOwnerIsMember(trx, actor, input.ownerId);
  const { columns, isIdentityChanged } = await toColumns(trx, actor, input, current);
  const currentLinks = (await selectCompanyLinks(trx, actor.workspaceId, [id])).get(id) ?? NO_LINKS;
  const isLinksChanged = input.companyIds !== undefined || input.primaryCompanyId !== undefined;
  const links = isLinksChanged ? await resolveCompanyLinks(trx, actor, input, currentLinks) : currentLinks;
  const row = await trx
    .updateTable('people')
    .set({
      ...columns,
      ...(input.ownerId !== undefined && { ownerId: input.ownerId }),
      version: current.version + 1,
      updatedAt: new Date(),
      updatedBy: actorId(actor),
    })
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', id)
    .returning(PERSON_COLUMNS)
    .executeTakeFirstOrThrow();
  await saveRelations(trx, actor, row, isLinksChanged ? links : null, isIdentityChanged);
  await recordAudit(trx, actor, {
    action: 'person.update',
    recordType: 'person',
    recordId: id,
    before: snapshotOf(current, currentLinks),
    after: snapshotOf(row, links),
  });
  return toPerson(row, links, await loadFieldKeysFor(trx, actor.workspaceId, [row]));
}

export async function deletePerson(
  trx: TTrx,
  actor: TActor,
  id: string,
  expectedVersion: number | null,
): Promise<void> {
  assertCanWrite(actor, 'people');
  const current = await getVisibleRow(trx, actor, id, true);
  assertVersion(current, expectedVersion);
  const links = (await selectCompanyLinks(trx, actor.workspaceId, [id])).get(id) ?? NO_LINKS;
  // Identifiers and company links go with the row (foreign keys with on delete cascade).
  await trx.deleteFrom('people').where('workspaceId', '=', actor.workspaceId).where('id', '=', id).execute();
  await recordAudit(trx, actor, {
    action: 'person.delete',
    recordType: 'person',
    recordId: id,
    before: snapshotOf(current, links),
  });
}
