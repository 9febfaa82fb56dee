import type { TCreatePersonRequest, TListPeopleQuery, TPerson, TUpdatePersonRequest } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { type TActor, actorId, assertCanRead, assertCanWrite, recordScopeOf } from '../../lib/actor.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { isUuid, newId } from '../../lib/ids.ts';
import { toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/index.ts';
import { isMember } from '../workspaces/index.ts';
import { PERSON_COLUMNS, type TPersonRow, selectPeoplePage, selectPerson } from './people.repository.ts';
import type { TEmailValue, TPhoneValue } from './people.table.ts';

export function toPerson(row: TPersonRow): TPerson {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    emails: row.emails,
    phones: row.phones,
    ownerId: row.ownerId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
  };
}

/** The audited view of a person: the fields a user edits. */
const snapshotOf = (person: TPerson) => ({
  firstName: person.firstName,
  lastName: person.lastName,
  emails: person.emails,
  phones: person.phones,
  ownerId: person.ownerId,
});

/** Exactly one primary per list: the one marked, else the first. Two marked is an error. */
function withOnePrimary<T extends { isPrimary: boolean }>(items: T[], field: string): T[] {
  const marked = items.filter((item) => item.isPrimary).length;
  if (marked > 1) {
    throw new AppError('VALIDATION_FAILED', `Only one of ${field} can be primary`, [
      { path: field, message: 'Only one can be primary' },
    ]);
  }
  return items.map((item, index) => ({ ...item, isPrimary: marked === 0 ? index === 0 : item.isPrimary }));
}

async function assertOwnerIsMember(trx: TTrx, actor: TActor, ownerId: string | null | undefined): Promise<void> {
  // A signed-in user's own membership was checked when the request was authenticated.
  if (!ownerId || (actor.type === 'user' && ownerId === actor.userId)) return;
  if (!(await isMember(trx, actor.workspaceId, ownerId))) {
    throw new AppError('VALIDATION_FAILED', 'The owner must be a member of this workspace', [
      { path: 'ownerId', message: 'Not a member of this workspace' },
    ]);
  }
}

/** "own" scope: a role that sees only its own records gets 404 for the rest, as if absent. */
function isVisible(actor: TActor, row: TPersonRow): boolean {
  return recordScopeOf(actor) === 'all' || (row.ownerId !== null && row.ownerId === actor.userId);
}

async function getVisibleRow(trx: TTrx, actor: TActor, id: string, forUpdate = false): Promise<TPersonRow> {
  const row = isUuid(id) ? await selectPerson(trx, actor.workspaceId, id, forUpdate) : undefined;
  if (!row || !isVisible(actor, row)) throw notFound('Person');
  return row;
}

export async function listPeople(trx: TTrx, actor: TActor, query: TListPeopleQuery) {
  assertCanRead(actor, 'people');
  const rows = await selectPeoplePage(
    trx,
    {
      workspaceId: actor.workspaceId,
      ownerId: query.ownerId,
      visibleToOwnerId: recordScopeOf(actor) === 'own' ? actor.userId : undefined,
      q: query.q,
    },
    query.sort,
    query.limit,
    query.cursor,
  );
  return toPage(rows, query.limit, toPerson, (row) => [row.sortValue, row.id]);
}

export async function getPerson(trx: TTrx, actor: TActor, id: string): Promise<TPerson> {
  assertCanRead(actor, 'people');
  return toPerson(await getVisibleRow(trx, actor, id));
}

export async function createPerson(trx: TTrx, actor: TActor, input: TCreatePersonRequest): Promise<TPerson> {
  assertCanWrite(actor, 'people');
  const ownerId = input.ownerId === undefined ? actor.userId : input.ownerId;
  await assertOwnerIsMember(trx, actor, ownerId);
  const now = new Date();
  const row = await trx
    .insertInto('people')
    .values({
      workspaceId: actor.workspaceId,
      id: newId(),
      firstName: input.firstName || null,
      lastName: input.lastName || null,
      emails: JSON.stringify(withOnePrimary<TEmailValue>(input.emails ?? [], 'emails')),
      phones: JSON.stringify(withOnePrimary<TPhoneValue>(input.phones ?? [], 'phones')),
      ownerId,
      createdAt: now,
      updatedAt: now,
      createdBy: actorId(actor),
      updatedBy: actorId(actor),
    })
    .returning(PERSON_COLUMNS)
    .executeTakeFirstOrThrow();
  const person = toPerson(row);
  await recordAudit(trx, actor, { action: 'person.create', recordType: 'person', recordId: person.id, after: snapshotOf(person) });
  return person;
}

/** `expectedVersion` comes from If-Match: a stale write is refused with 412, never merged silently. */
export async function updatePerson(
  trx: TTrx,
  actor: TActor,
  id: string,
  input: TUpdatePersonRequest,
  expectedVersion: number | null,
): Promise<TPerson> {
  assertCanWrite(actor, 'people');
  const current = await getVisibleRow(trx, actor, id, true);
  if (expectedVersion !== null && expectedVersion !== current.version) {
    throw new AppError(
      'PRECONDITION_FAILED',
      `This person was changed by someone else (version ${current.version}, you had ${expectedVersion}); reload and retry`,
    );
  }
  if (input.ownerId !== undefined) await assertOwnerIsMember(trx, actor, input.ownerId);
  const row = await trx
    .updateTable('people')
    .set({
      ...(input.firstName !== undefined && { firstName: input.firstName || null }),
      ...(input.lastName !== undefined && { lastName: input.lastName || null }),
      ...(input.emails !== undefined && { emails: JSON.stringify(withOnePrimary(input.emails, 'emails')) }),
      ...(input.phones !== undefined && { phones: JSON.stringify(withOnePrimary(input.phones, 'phones')) }),
      ...(input.ownerId !== undefined && { ownerId: input.ownerId }),
      version: current.version + 1,
      updatedAt: new Date(),
      updatedBy: actorId(actor),
    })
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', id)
    .returning(PERSON_COLUMNS)
    .executeTakeFirstOrThrow();
  const before = toPerson(current);
  const after = toPerson(row);
  await recordAudit(trx, actor, {
    action: 'person.update',
    recordType: 'person',
    recordId: id,
    before: snapshotOf(before),
    after: snapshotOf(after),
  });
  return after;
}

export async function deletePerson(trx: TTrx, actor: TActor, id: string, expectedVersion: number | null): Promise<void> {
  assertCanWrite(actor, 'people');
  const current = await getVisibleRow(trx, actor, id, true);
  if (expectedVersion !== null && expectedVersion !== current.version) {
    throw new AppError('PRECONDITION_FAILED', 'This person was changed by someone else; reload and retry');
  }
  await trx.deleteFrom('people').where('workspaceId', '=', actor.workspaceId).where('id', '=', id).execute();
  await recordAudit(trx, actor, {
    action: 'person.delete',
    recordType: 'person',
    recordId: id,
    before: snapshotOf(toPerson(current)),
  });
}
