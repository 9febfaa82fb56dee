import { canAccess, type TTimelineItem } from '@kap/shared';
import { sql } from 'kysely';
import { isBeforeCursor, selectTimelineTime, type TTimelineSource } from '../timeline/index.ts';
import { ownerScope } from './deal-stats.service.ts';

type TDealItemRow = {
  id: string;
  name: string;
  at: string;
  amount: string;
  currency: string;
  status: string;
  stageId: string;
  stageName: string;
  createdBy: string | null;
};

/**
 * A person's and a company's deals on their timeline, at the time each deal was created (newest
 * first; the people link is read through deal_people's (person, deal) index).
 */
export const dealTimelineSource: TTimelineSource<TDealItemRow> = {
  kind: 'deal',
  selectForRecord: (_trx, actor, record, page, filters) => {
    if (filters.channels || !canAccess(actor.role, 'deals', 'read')) return null;
    if (record.type !== 'person' && record.type !== 'company') return null;
    const ws = actor.workspaceId;
    const linked =
      record.type === 'person'
        ? sql<boolean>`d.id in (select dp.deal_id from deal_people dp where dp.workspace_id = ${ws}::uuid and dp.person_id = ${record.id}::uuid)`
        : sql<boolean>`d.company_id = ${record.id}::uuid`;
    const before = page.before
      ? isBeforeCursor(sql`d.created_at`, sql`d.id`, page.before)
      : sql<boolean>`true`;
    return sql<TDealItemRow>`
      select d.id, d.name, ${selectTimelineTime(sql`d.created_at`)} as at, d.amount::text as amount, d.currency,
             d.status, d.stage_id as "stageId", s.name as "stageName", d.created_by as "createdBy"
        from deals d join pipeline_stages s on s.workspace_id = d.workspace_id and s.id = d.stage_id
       where d.workspace_id = ${ws}::uuid and ${linked} and ${ownerScope(actor, 'd')} and ${before}
       order by d.created_at desc, d.id desc
       limit ${page.limit}`;
  },
  toItem: (row): TTimelineItem => ({
    kind: 'deal',
    id: row.id,
    occurredAt: row.at,
    title: row.name,
    summary: `${row.stageName} · ${row.amount} ${row.currency}`,
    channel: null,
    actor: null,
    data: {
      dealId: row.id,
      stageId: row.stageId,
      stageName: row.stageName,
      status: row.status,
      amount: row.amount,
      currency: row.currency,
    },
  }),
};

type TStageMoveItemRow = {
  id: string;
  at: string;
  fromStageId: string | null;
  toStageId: string;
  fromName: string | null;
  toName: string | null;
  movedBy: string | null;
  movedByType: string | null;
  movedByName: string | null;
};

/** A deal's stage moves on its own timeline, with stage names (its creation is the audit log's "Created"). */
export const stageMoveTimelineSource: TTimelineSource<TStageMoveItemRow> = {
  kind: 'stageMove',
  selectForRecord: (_trx, actor, record, page, filters) => {
    if (filters.channels || record.type !== 'deal') return null;
    const ws = actor.workspaceId;
    const before = page.before ? isBeforeCursor(sql`h.moved_at`, sql`h.id`, page.before) : sql<boolean>`true`;
    return sql<TStageMoveItemRow>`
      select h.id, ${selectTimelineTime(sql`h.moved_at`)} as at, h.from_stage_id as "fromStageId",
             h.to_stage_id as "toStageId", f.name as "fromName", t.name as "toName", h.moved_by as "movedBy",
             h.moved_by_type as "movedByType", h.moved_by_name as "movedByName"
        from deal_stage_history h
        left join pipeline_stages f on f.workspace_id = h.workspace_id and f.id = h.from_stage_id
        left join pipeline_stages t on t.workspace_id = h.workspace_id and t.id = h.to_stage_id
       where h.workspace_id = ${ws}::uuid and h.deal_id = ${record.id}::uuid and h.from_stage_id is not null
         and ${before}
       order by h.moved_at desc, h.id desc
       limit ${page.limit}`;
  },
  toItem: (row): TTimelineItem => ({
    kind: 'stageMove',
    id: row.id,
    occurredAt: row.at,
    title: 'Stage changed',
    summary: `${row.fromName ?? '?'} → ${row.toName ?? '?'}`,
    channel: null,
    actor: { type: row.movedByType ?? 'user', id: row.movedBy, name: row.movedByName },
    data: {
      fromStageId: row.fromStageId,
      toStageId: row.toStageId,
      fromStage: row.fromName,
      toStage: row.toName,
    },
  }),
};
