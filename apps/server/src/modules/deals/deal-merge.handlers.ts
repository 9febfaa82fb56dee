import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, type TActor } from '../../lib/actor.ts';
import { recordAudit } from '../audit/index.ts';
import type { TMergeMove } from '../merges/index.ts';

/** People merged: their deal links go to the survivor (once per deal), each changed deal audited. */
export async function moveDealPeople(trx: TTrx, actor: TActor, move: TMergeMove): Promise<number> {
  const ws = actor.workspaceId;
  const from = [...move.fromIds];
  const moved = await sql<{ dealId: string }>`
    with gone as (
      delete from deal_people where workspace_id = ${ws}::uuid and person_id = any(${from}::uuid[])
      returning deal_id
    ), added as (
      insert into deal_people (workspace_id, deal_id, person_id)
      select distinct ${ws}::uuid, deal_id, ${move.toId}::uuid from gone
      on conflict do nothing
    )
    select distinct deal_id as "dealId" from gone`.execute(trx);
  return bumpAndAudit(
    trx,
    actor,
    moved.rows.map((row) => row.dealId),
    { personIds: { removed: from, added: move.toId } },
  );
}

/** Companies merged: deals of a merged company belong to the survivor. */
export async function moveDealCompany(trx: TTrx, actor: TActor, move: TMergeMove): Promise<number> {
  const moved = await sql<{ id: string }>`
    update deals set company_id = ${move.toId}::uuid
     where workspace_id = ${actor.workspaceId}::uuid and company_id = any(${[...move.fromIds]}::uuid[])
    returning id`.execute(trx);
  return bumpAndAudit(
    trx,
    actor,
    moved.rows.map((row) => row.id),
    { companyId: move.toId },
  );
}

async function bumpAndAudit(trx: TTrx, actor: TActor, dealIds: string[], after: Record<string, unknown>) {
  if (dealIds.length === 0) return 0;
  await sql`
    update deals set version = version + 1, updated_at = now(), updated_by = ${actorId(actor)}
     where workspace_id = ${actor.workspaceId}::uuid and id = any(${dealIds}::uuid[])`.execute(trx);
  for (const id of dealIds) {
    await recordAudit(trx, actor, { action: 'deal.update', recordType: 'deal', recordId: id, after });
  }
  return dealIds.length;
}
