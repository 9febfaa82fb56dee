import type { TTrx } from '../../db/tenant.ts';
import { actorId, type TActor, visibleOwnerIdsOf } from '../../lib/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { selectPersonIds } from './people.repository.ts';
import { deleteCompanyLinks, promoteNextPrimary, selectCompanyLinks } from './person-companies.repository.ts';

/**
 * Before a company is deleted: its people leave it. Each person's record changes (companyIds),
 * so each gets a new version and an audit entry of its own, which their timeline shows.
 */
export async function unlinkCompanyFromPeople(trx: TTrx, actor: TActor, companyId: string): Promise<number> {
  const before = await trx
    .selectFrom('personCompanies')
    .select('personId')
    .where('workspaceId', '=', actor.workspaceId)
    .where('companyId', '=', companyId)
    .execute();
  const personIds = before.map((row) => row.personId);
  if (personIds.length === 0) return 0;
  const linksBefore = await selectCompanyLinks(trx, actor.workspaceId, personIds);
  await deleteCompanyLinks(trx, actor.workspaceId, companyId);
  await promoteNextPrimary(trx, actor.workspaceId, personIds);
  const linksAfter = await selectCompanyLinks(trx, actor.workspaceId, personIds);
  await trx
    .updateTable('people')
    .set((eb) => ({ version: eb('version', '+', 1), updatedAt: new Date(), updatedBy: actorId(actor) }))
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', 'in', personIds)
    .execute();
  for (const personId of personIds) {
    const after = linksAfter.get(personId) ?? { companyIds: [], primaryCompanyId: null };
    await recordAudit(trx, actor, {
      action: 'person.update',
      recordType: 'person',
      recordId: personId,
      before: { ...linksBefore.get(personId) },
      after: { ...after },
    });
  }
  return personIds.length;
}

/** Record-type hook for relation fields and company links: the people the actor may see. */
export async function findVisiblePersonIds(
  trx: TTrx,
  actor: TActor,
  ids: readonly string[],
): Promise<Set<string>> {
  return new Set(await selectPersonIds(trx, actor.workspaceId, ids, visibleOwnerIdsOf(actor)));
}
