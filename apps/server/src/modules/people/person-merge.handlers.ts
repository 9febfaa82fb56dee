import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, type TActor } from '../../lib/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { listFieldDefinitions } from '../custom-fields/index.ts';
import type { TMergeMove } from '../merges/index.ts';
import {
  replaceCompanyLinks,
  selectCompanyLinks,
  type TCompanyLinks,
} from './person-companies.repository.ts';

async function bumpVersions(trx: TTrx, actor: TActor, personIds: readonly string[]): Promise<void> {
  if (personIds.length === 0) return;
  await trx
    .updateTable('people')
    .set((eb) => ({ version: eb('version', '+', 1), updatedAt: new Date(), updatedBy: actorId(actor) }))
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', 'in', [...personIds])
    .execute();
}

/** A person's links with the merged companies replaced by the survivor, each company once. */
function relink(links: TCompanyLinks, move: TMergeMove): TCompanyLinks {
  const from = new Set(move.fromIds);
  const swap = (id: string) => (from.has(id) ? move.toId : id);
  const companyIds = [...new Set(links.companyIds.map(swap))];
  return { companyIds, primaryCompanyId: links.primaryCompanyId ? swap(links.primaryCompanyId) : null };
}

/**
 * Company merge: people of the merged companies now work at the survivor. A person at both keeps
 * one link (primary if either was). Each person's companyIds change, so each gets a new version
 * and an audit entry, as when a company is deleted.
 */
export async function moveCompanyLinksToCompany(trx: TTrx, actor: TActor, move: TMergeMove): Promise<number> {
  if (move.fromIds.length === 0) return 0;
  const rows = await trx
    .selectFrom('personCompanies')
    .select('personId')
    .where('workspaceId', '=', actor.workspaceId)
    .where('companyId', 'in', [...move.fromIds])
    .execute();
  const personIds = [...new Set(rows.map((row) => row.personId))];
  const before = await selectCompanyLinks(trx, actor.workspaceId, personIds);
  for (const personId of personIds) {
    const links = before.get(personId);
    if (!links) continue;
    const after = relink(links, move);
    await replaceCompanyLinks(trx, actor.workspaceId, personId, after);
    await recordAudit(trx, actor, {
      action: 'person.update',
      recordType: 'person',
      recordId: personId,
      before: { ...links },
      after: { ...after },
    });
  }
  await bumpVersions(trx, actor, personIds);
  return personIds.length;
}

/**
 * Any merge: people's relation custom fields that pointed at a merged record point at the
 * survivor. `->>` is not leakproof, so this reads the workspace's people rather than an index:
 * merges are rare, and correctness beats speed here.
 */
export async function repointPersonRelationValues(
  trx: TTrx,
  actor: TActor,
  move: TMergeMove,
): Promise<number> {
  const fields = (
    await listFieldDefinitions(trx, actor.workspaceId, { objectType: 'person', includeArchived: true })
  ).filter((field) => field.type === 'relation' && field.relationObjectType === move.recordType);
  let changed = 0;
  for (const { key } of fields) {
    const hits = await sql<{ id: string; value: string }>`
      select id, custom_fields ->> ${key}::text as value from people
       where workspace_id = ${actor.workspaceId} and custom_fields ->> ${key}::text = any(${[...move.fromIds]}::text[])
       for update`.execute(trx);
    if (hits.rows.length === 0) continue;
    await sql`
      update people set custom_fields = jsonb_set(custom_fields, array[${key}::text], to_jsonb(${move.toId}::text)),
             version = version + 1, updated_at = now(), updated_by = ${actorId(actor)}
       where workspace_id = ${actor.workspaceId} and id = any(${hits.rows.map((row) => row.id)}::uuid[])`.execute(
      trx,
    );
    for (const hit of hits.rows) {
      await recordAudit(trx, actor, {
        action: 'person.update',
        recordType: 'person',
        recordId: hit.id,
        before: { customFields: { [key]: hit.value } },
        after: { customFields: { [key]: move.toId } },
      });
    }
    changed += hits.rows.length;
  }
  return changed;
}
