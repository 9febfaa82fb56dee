import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, type TActor } from '../../lib/actor.ts';
import { recordAudit } from '../audit/index.ts';
import { listFieldDefinitions } from '../custom-fields/index.ts';
import type { TMergeMove } from '../merges/index.ts';

/**
 * Any merge: companies' relation custom fields that pointed at a merged record point at the
 * survivor. `->>` is not leakproof, so this reads the workspace's companies rather than an
 * index: merges are rare, and correctness beats speed here.
 */
export async function repointCompanyRelationValues(
  trx: TTrx,
  actor: TActor,
  move: TMergeMove,
): Promise<number> {
  const fields = (
    await listFieldDefinitions(trx, actor.workspaceId, { objectType: 'company', includeArchived: true })
  ).filter((field) => field.type === 'relation' && field.relationObjectType === move.recordType);
  let changed = 0;
  for (const { key } of fields) {
    const hits = await sql<{ id: string; value: string }>`
      select id, custom_fields ->> ${key}::text as value from companies
       where workspace_id = ${actor.workspaceId} and custom_fields ->> ${key}::text = any(${[...move.fromIds]}::text[])
       for update`.execute(trx);
    if (hits.rows.length === 0) continue;
    await sql`
      update companies set custom_fields = jsonb_set(custom_fields, array[${key}::text], to_jsonb(${move.toId}::text)),
             version = version + 1, updated_at = now(), updated_by = ${actorId(actor)}
       where workspace_id = ${actor.workspaceId} and id = any(${hits.rows.map((row) => row.id)}::uuid[])`.execute(
      trx,
    );
    for (const hit of hits.rows) {
      await recordAudit(trx, actor, {
        action: 'company.update',
        recordType: 'company',
        recordId: hit.id,
        before: { customFields: { [key]: hit.value } },
        after: { customFields: { [key]: move.toId } },
      });
    }
    changed += hits.rows.length;
  }
  return changed;
}
