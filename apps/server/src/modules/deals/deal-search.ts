import type { TSearchResult } from '@kap/shared';
import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';
import { isUuid } from '../../lib/ids.ts';
import { ownerScope } from './deal-stats.service.ts';

/** Global search's view of deals: the visible ones among `ids`, with stage and amount. */
export async function findDealSearchResults(
  trx: TTrx,
  actor: TActor,
  ids: readonly string[],
): Promise<Map<string, Omit<TSearchResult, 'type'>>> {
  const wanted = ids.filter(isUuid);
  if (wanted.length === 0) return new Map();
  const rows = await sql<{ id: string; name: string; stage: string; amount: string; currency: string }>`
    select d.id, d.name, s.name as stage, d.amount::text as amount, d.currency
      from deals d join pipeline_stages s on s.workspace_id = d.workspace_id and s.id = d.stage_id
     where d.workspace_id = ${actor.workspaceId}::uuid and d.id = any(${wanted}::uuid[]) and ${ownerScope(actor, 'd')}`.execute(
    trx,
  );
  return new Map(
    rows.rows.map((row) => [
      row.id,
      { id: row.id, title: row.name, subtitle: `${row.stage} · ${row.amount} ${row.currency}` },
    ]),
  );
}
