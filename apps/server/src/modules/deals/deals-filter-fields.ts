import { DEAL_STATUSES } from '@kap/shared';
import { type RawBuilder, sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { type TFieldLookup, type TFilterField, toCustomFilterField } from '../../lib/filters/index.ts';
import { listFieldDefinitions } from '../custom-fields/index.ts';

/** Every standard field a deal filter or sort may name; expressions are fixed SQL. */
const STANDARD_FIELDS: Record<string, TFilterField> = {
  name: { kind: 'text', expr: sql`deals.name`, isIndexed: true },
  status: { kind: 'select', expr: sql`deals.status`, options: DEAL_STATUSES },
  pipelineId: { kind: 'uuid', expr: sql`deals.pipeline_id`, isIndexed: true },
  stageId: { kind: 'uuid', expr: sql`deals.stage_id`, isIndexed: true },
  probability: { kind: 'number', expr: sql`s.probability` },
  amount: { kind: 'number', expr: sql`deals.amount` },
  currency: { kind: 'text', expr: sql`deals.currency`, normalize: (v) => v.toUpperCase() },
  expectedCloseDate: { kind: 'date', expr: sql`deals.expected_close_date`, isIndexed: true },
  ownerId: { kind: 'uuid', expr: sql`deals.owner_id`, isIndexed: true },
  companyId: { kind: 'uuid', expr: sql`deals.company_id`, isIndexed: true },
  source: { kind: 'text', expr: sql`deals.source` },
  lostReason: { kind: 'text', expr: sql`deals.lost_reason` },
  stageEnteredAt: { kind: 'datetime', expr: sql`deals.stage_entered_at` },
  closedAt: { kind: 'datetime', expr: sql`deals.closed_at` },
  createdAt: { kind: 'datetime', expr: sql`deals.created_at`, isIndexed: true },
  updatedAt: { kind: 'datetime', expr: sql`deals.updated_at`, isIndexed: true },
};

/** `personIds`: the deal is linked to one of these people (through deal_people's btree). */
function personLink(workspaceId: string): TFilterField {
  const linked = (condition: RawBuilder<boolean>) =>
    sql<boolean>`(deals.id in (select dp.deal_id from deal_people dp where dp.workspace_id = ${workspaceId}::uuid and ${condition}))`;
  return {
    kind: 'link',
    expr: sql`deals.id`,
    linkedToAny: (ids) => linked(sql<boolean>`dp.person_id = any(${ids}::uuid[])`),
    hasLinks: linked(sql<boolean>`true`),
  };
}

/** Standard fields, `personIds`, and `customFields.<key>` for every custom field of deals. */
export async function loadDealFields(trx: TTrx, workspaceId: string): Promise<TFieldLookup> {
  const definitions = await listFieldDefinitions(trx, workspaceId, {
    objectType: 'deal',
    includeArchived: true,
  });
  const custom = new Map(
    definitions.map((d) => [
      `customFields.${d.key}`,
      toCustomFilterField(sql`deals.custom_fields`, d, {
        workspaceId,
        recordType: 'deal',
        idColumn: sql`deals.id`,
      }),
    ]),
  );
  const link = personLink(workspaceId);
  return (name) => {
    if (name === 'personIds') return link;
    return Object.hasOwn(STANDARD_FIELDS, name) ? STANDARD_FIELDS[name] : custom.get(name);
  };
}
