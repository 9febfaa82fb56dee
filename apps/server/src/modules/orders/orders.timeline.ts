import { canAccess, type TOrderChannel, type TTimelineItem } from '@kap/shared';
import { sql } from 'kysely';
import { isBeforeCursor, selectTimelineTime, type TTimelineSource } from '../timeline/index.ts';

/** Order channels as the timeline's channels (the activity vocabulary). */
const TIMELINE_CHANNEL: Record<TOrderChannel, string> = {
  store: 'store',
  online: 'web',
  mobileApp: 'mobileApp',
  phone: 'phone',
  marketplace: 'web',
  other: 'other',
};

const orderChannelsFor = (channels: readonly string[]) =>
  (Object.keys(TIMELINE_CHANNEL) as TOrderChannel[]).filter((c) => channels.includes(TIMELINE_CHANNEL[c]));

const customerColumn = (type: string) =>
  type === 'person' ? 'person_id' : type === 'company' ? 'company_id' : null;

type TOrderItemRow = {
  id: string;
  at: string;
  externalId: string | null;
  source: string;
  channel: TOrderChannel;
  location: string | null;
  status: string;
  currency: string;
  total: string;
  baseTotal: string;
  baseCurrency: string;
  lineCount: number;
};

/** Orders of a person or company at the time they were placed, with amount and status. */
export const orderTimelineSource: TTimelineSource<TOrderItemRow> = {
  kind: 'order',
  selectForRecord: (_trx, actor, record, page, filters) => {
    const column = customerColumn(record.type);
    if (!column || !canAccess(actor.role, 'orders', 'read')) return null;
    const channels = filters.channels ? orderChannelsFor(filters.channels) : null;
    if (channels && channels.length === 0) return null;
    return sql<TOrderItemRow>`
      select o.id, ${selectTimelineTime(sql`o.occurred_at`)} as at, o.external_id as "externalId", o.source,
             o.channel, o.location, o.status, o.currency, o.total::text as total, o.base_total::text as "baseTotal",
             o.base_currency as "baseCurrency",
             (select count(*)::int from order_lines l where l.workspace_id = o.workspace_id and l.order_id = o.id) as "lineCount"
        from orders o
       where o.workspace_id = ${actor.workspaceId}::uuid and o.${sql.ref(column)} = ${record.id}::uuid
         ${channels ? sql`and o.channel = any(${channels}::text[])` : sql``}
         ${page.before ? sql`and ${isBeforeCursor(sql`o.occurred_at`, sql`o.id`, page.before)}` : sql``}
       order by o.occurred_at desc, o.id desc
       limit ${page.limit}`;
  },
  toItem: (row): TTimelineItem => ({
    kind: 'order',
    id: row.id,
    occurredAt: row.at,
    title: row.externalId ? `Order ${row.externalId}` : 'Order',
    summary: `${row.total} ${row.currency} · ${row.status} · ${row.lineCount} line${row.lineCount === 1 ? '' : 's'}`,
    channel: TIMELINE_CHANNEL[row.channel],
    actor: null,
    data: {
      orderId: row.id,
      status: row.status,
      total: row.total,
      currency: row.currency,
      baseTotal: row.baseTotal,
      baseCurrency: row.baseCurrency,
      orderChannel: row.channel,
      location: row.location,
      source: row.source,
      externalId: row.externalId,
      lineCount: row.lineCount,
    },
  }),
};

type TRefundItemRow = {
  id: string;
  at: string;
  orderId: string;
  externalId: string | null;
  channel: TOrderChannel;
  amount: string;
  currency: string;
  reason: string | null;
  orderStatus: string;
};

/** Refunds of the customer's orders at the time they were made. */
export const refundTimelineSource: TTimelineSource<TRefundItemRow> = {
  kind: 'refund',
  selectForRecord: (_trx, actor, record, page, filters) => {
    const column = customerColumn(record.type);
    if (!column || !canAccess(actor.role, 'orders', 'read')) return null;
    const channels = filters.channels ? orderChannelsFor(filters.channels) : null;
    if (channels && channels.length === 0) return null;
    return sql<TRefundItemRow>`
      select r.id, ${selectTimelineTime(sql`r.occurred_at`)} as at, r.order_id as "orderId",
             o.external_id as "externalId", o.channel, r.amount::text as amount, o.currency, r.reason,
             o.status as "orderStatus"
        from orders o
        join refunds r on r.workspace_id = o.workspace_id and r.order_id = o.id
       where o.workspace_id = ${actor.workspaceId}::uuid and o.${sql.ref(column)} = ${record.id}::uuid
         ${channels ? sql`and o.channel = any(${channels}::text[])` : sql``}
         ${page.before ? sql`and ${isBeforeCursor(sql`r.occurred_at`, sql`r.id`, page.before)}` : sql``}
       order by r.occurred_at desc, r.id desc
       limit ${page.limit}`;
  },
  toItem: (row): TTimelineItem => ({
    kind: 'refund',
    id: row.id,
    occurredAt: row.at,
    title: row.externalId ? `Refund of order ${row.externalId}` : 'Refund',
    summary: `${row.amount} ${row.currency}${row.reason ? ` · ${row.reason}` : ''}`,
    channel: TIMELINE_CHANNEL[row.channel],
    actor: null,
    data: {
      orderId: row.orderId,
      amount: row.amount,
      currency: row.currency,
      reason: row.reason,
      orderStatus: row.orderStatus,
    },
  }),
};
