import { z } from 'zod';
import { ZRecordIds } from './activities.schema.ts';
import { ZListQuery } from './common.schema.ts';
import { ZCurrencyCode, ZMoneyAmount } from './companies.schema.ts';
import { LIST_SORT, ZFilter, ZFilterParam } from './filters.schema.ts';
import { ZCustomFieldValues } from './people.schema.ts';

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type TStageKind = (typeof STAGE_KINDS)[number];
export const DEAL_STATUSES = STAGE_KINDS;
export type TDealStatus = TStageKind;

// ---------- pipelines ----------

const ZStageName = z.string().trim().min(1).max(100);
const ZProbability = z.number().int().min(0).max(100).describe('Win probability in percent (0-100)');

export const ZStageInput = z.strictObject({
  id: z.uuid().optional().describe('An existing stage of this pipeline (keep it); none: a new stage'),
  name: ZStageName,
  probability: ZProbability,
  kind: z.enum(STAGE_KINDS).default('open'),
});
export type TStageInput = z.infer<typeof ZStageInput>;

export const ZCreatePipelineRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  isDefault: z.boolean().optional(),
  stages: z
    .array(ZStageInput.omit({ id: true }))
    .min(1)
    .max(50),
});
export type TCreatePipelineRequest = z.infer<typeof ZCreatePipelineRequest>;

export const ZUpdatePipelineRequest = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  isDefault: z.literal(true).optional().describe('Make this the default pipeline'),
  stages: z
    .array(ZStageInput)
    .min(1)
    .max(50)
    .optional()
    .describe(
      'The whole ordered stage list: order is the position, stages left out are deleted (409 when they hold deals)',
    ),
});
export type TUpdatePipelineRequest = z.infer<typeof ZUpdatePipelineRequest>;

export const ZAddStageRequest = z.strictObject({
  name: ZStageName,
  probability: ZProbability,
  kind: z.enum(STAGE_KINDS).default('open'),
  position: z.number().int().min(0).optional().describe('0-based; default: last'),
});
export type TAddStageRequest = z.infer<typeof ZAddStageRequest>;

export const ZUpdateStageRequest = z.strictObject({
  name: ZStageName.optional(),
  probability: ZProbability.optional(),
  kind: z.enum(STAGE_KINDS).optional(),
});
export type TUpdateStageRequest = z.infer<typeof ZUpdateStageRequest>;

export const ZReorderStagesRequest = z.strictObject({
  stageIds: z.array(z.uuid()).min(1).max(50).describe('Every stage id of the pipeline, in the new order'),
});

export const ZDeleteStageQuery = z.object({
  moveDealsTo: z
    .uuid()
    .optional()
    .describe("Move the stage's deals to this stage first (else 409 when it has deals)"),
});

export const ZStage = z
  .object({
    id: z.string(),
    name: z.string(),
    position: z.number().int(),
    probability: z.number().int(),
    kind: z.enum(STAGE_KINDS),
  })
  .meta({ id: 'PipelineStage' });
export type TStage = z.infer<typeof ZStage>;

export const ZPipeline = z
  .object({
    id: z.string(),
    name: z.string(),
    isDefault: z.boolean(),
    stages: z.array(ZStage),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Pipeline' });
export type TPipeline = z.infer<typeof ZPipeline>;

export const ZStageStats = z.object({
  stageId: z.string(),
  name: z.string(),
  kind: z.enum(STAGE_KINDS),
  currentDeals: z.number().int(),
  entered: z.number().int().describe('Deals that ever entered the stage'),
  advanced: z.number().int().describe('Of those, deals that later entered a stage further on (not lost)'),
  won: z.number().int().describe('Of those, deals that are won now'),
  conversionRate: z.number().nullable().describe('advanced / entered (0-1); null when none entered'),
  winRate: z.number().nullable().describe('won / entered (0-1)'),
  completedStays: z.number().int().describe('Stays that ended with a move out of the stage'),
  avgSecondsInStage: z.number().nullable(),
  medianSecondsInStage: z.number().nullable(),
});
export type TStageStats = z.infer<typeof ZStageStats>;

export const ZPipelineStats = z
  .object({ pipelineId: z.string(), stages: z.array(ZStageStats) })
  .meta({ id: 'PipelineStats' });
export type TPipelineStats = z.infer<typeof ZPipelineStats>;

// ---------- deals ----------

const ZQuantity = z.union([z.string().trim(), z.number()]).transform((value, ctx) => {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text === 'string' && /^\d{1,13}(\.\d{1,4})?$/.test(text) && Number(text) > 0) return text;
  ctx.addIssue({ code: 'custom', message: 'A positive quantity with at most 4 decimals' });
  return z.NEVER;
});

const ZPercent = z.union([z.string().trim(), z.number()]).transform((value, ctx) => {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text === 'string' && /^\d{1,3}(\.\d{1,2})?$/.test(text) && Number(text) <= 100) return text;
  ctx.addIssue({ code: 'custom', message: 'A percentage from 0 to 100 with at most 2 decimals' });
  return z.NEVER;
});

export const ZLineItemInput = z.strictObject({
  productId: z
    .uuid()
    .nullable()
    .optional()
    .describe('A product of the catalogue; its name and price are the defaults'),
  name: z.string().trim().min(1).max(200).optional().describe('Required without productId'),
  quantity: ZQuantity.default('1'),
  unitPrice: ZMoneyAmount.optional().describe("Required without productId; default the product's price"),
  discountPercent: ZPercent.default('0'),
});
export type TLineItemInput = z.infer<typeof ZLineItemInput>;

export const ZLineItem = z.object({
  productId: z.string().nullable(),
  name: z.string(),
  quantity: z.string(),
  unitPrice: z.string(),
  discountPercent: z.string(),
  total: z.string().describe('quantity × unitPrice × (1 − discount), rounded to cents'),
});
export type TLineItem = z.infer<typeof ZLineItem>;

const ZDate = z.iso.date().describe('YYYY-MM-DD');

const dealFields = {
  name: z.string().trim().min(1).max(200),
  pipelineId: z.uuid().optional().describe('Default: the default pipeline'),
  stageId: z.uuid().optional().describe("Default: the pipeline's first stage"),
  amount: ZMoneyAmount.optional().describe("Default: the line items' total, else 0"),
  currency: ZCurrencyCode,
  expectedCloseDate: ZDate.nullable().optional(),
  ownerId: z.uuid().nullable().optional(),
  personIds: ZRecordIds.optional(),
  companyId: z.uuid().nullable().optional(),
  source: z.string().trim().max(100).nullable().optional(),
  lostReason: z.string().trim().max(500).nullable().optional().describe('Required in a lost stage'),
  lineItems: z.array(ZLineItemInput).max(200).optional(),
  customFields: ZCustomFieldValues.optional(),
};

export const ZCreateDealRequest = z.strictObject(dealFields);
export type TCreateDealRequest = z.infer<typeof ZCreateDealRequest>;

export const ZUpdateDealRequest = z.strictObject({
  ...dealFields,
  name: dealFields.name.optional(),
  currency: dealFields.currency.optional(),
  pipelineId: z.undefined().optional(),
});
export type TUpdateDealRequest = z.infer<typeof ZUpdateDealRequest>;

export const ZMoveDealRequest = z.strictObject({
  stageId: z.uuid(),
  lostReason: z.string().trim().min(1).max(500).optional().describe('Required when the stage is a lost one'),
});
export type TMoveDealRequest = z.infer<typeof ZMoveDealRequest>;

export const ZDeal = z
  .object({
    id: z.string(),
    name: z.string(),
    pipelineId: z.string(),
    stageId: z.string(),
    status: z.enum(DEAL_STATUSES),
    probability: z.number().int().describe("The stage's win probability"),
    amount: z.string(),
    weightedAmount: z.string().describe('amount × probability, rounded to cents'),
    currency: z.string(),
    expectedCloseDate: z.string().nullable(),
    ownerId: z.string().nullable(),
    personIds: z.array(z.string()),
    companyId: z.string().nullable(),
    source: z.string().nullable(),
    lostReason: z.string().nullable(),
    lineItems: z.array(ZLineItem),
    stageEnteredAt: z.iso.datetime(),
    closedAt: z.iso.datetime().nullable(),
    customFields: z.record(z.string(), z.unknown()),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    createdBy: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'Deal' });
export type TDeal = z.infer<typeof ZDeal>;

export const DEAL_SORTS = ['name', 'createdAt', 'updatedAt'] as const;

export const ZListDealsQuery = ZListQuery.extend({
  q: z.string().trim().max(200).optional().describe('Matches deal names'),
  pipelineId: z.uuid().optional(),
  stageId: z.uuid().optional(),
  status: z.enum(DEAL_STATUSES).optional(),
  ownerId: z.uuid().optional(),
  personId: z.uuid().optional(),
  companyId: z.uuid().optional(),
  includeArchivedFields: z.stringbool().optional(),
  sort: z
    .string()
    .regex(LIST_SORT, 'A field name, "-" first for descending')
    .optional()
    .describe('Any filterable scalar field or customFields.<key>; "-" descending. Default -updatedAt'),
  filter: ZFilterParam.optional(),
  viewId: z.uuid().optional(),
});
export type TListDealsQuery = z.infer<typeof ZListDealsQuery>;

export const ZStageHistoryEntry = z
  .object({
    id: z.string(),
    fromStageId: z.string().nullable(),
    toStageId: z.string(),
    movedAt: z.iso.datetime(),
    movedBy: z.object({
      type: z.string().nullable(),
      id: z.string().nullable(),
      name: z.string().nullable(),
    }),
  })
  .meta({ id: 'DealStageHistoryEntry' });
export type TStageHistoryEntry = z.infer<typeof ZStageHistoryEntry>;

export const ZDealsBulkRequest = z
  .strictObject({
    action: z.enum(['setOwner', 'setStage']),
    value: z.string().max(100).nullable().describe('setOwner: a user id or null; setStage: a stage id'),
    ids: z.array(z.uuid()).min(1).max(10_000).optional(),
    filter: ZFilter.optional(),
    lostReason: z.string().trim().min(1).max(500).optional().describe('setStage to a lost stage'),
  })
  .superRefine((request, ctx) => {
    if ((request.ids === undefined) === (request.filter === undefined))
      ctx.addIssue({ code: 'custom', path: ['ids'], message: 'Give either ids or filter' });
    if (request.action === 'setStage' && !request.value)
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'A stage id is required' });
  });
export type TDealsBulkRequest = z.infer<typeof ZDealsBulkRequest>;

// ---------- forecast ----------

export const ZForecastQuery = z.object({
  pipelineId: z.uuid().optional().describe('Default: every pipeline'),
  groupBy: z.enum(['month', 'owner']).default('month'),
});
export type TForecastQuery = z.infer<typeof ZForecastQuery>;

const ZForecastFigures = {
  currency: z.string(),
  openCount: z.number().int(),
  unweighted: z.string().describe("Sum of open deals' amounts"),
  weighted: z.string().describe('Sum of amount × stage probability of open deals'),
  wonCount: z.number().int(),
  won: z.string(),
  lostCount: z.number().int(),
  lost: z.string(),
};

export const ZForecast = z
  .object({
    groupBy: z.enum(['month', 'owner']),
    baseCurrency: z
      .string()
      .nullable()
      .describe('Set when amounts are converted to one currency; null: grouped per currency'),
    rows: z.array(
      z.object({
        key: z.string().nullable().describe('YYYY-MM, or the owner id; null: no date / no owner'),
        ...ZForecastFigures,
      }),
    ),
    totals: z.array(z.object(ZForecastFigures)),
  })
  .meta({ id: 'DealForecast' });
export type TForecast = z.infer<typeof ZForecast>;

export const ZBoardSummary = z
  .object({
    data: z.array(
      z.object({
        stageId: z.string(),
        currency: z.string(),
        count: z.number().int(),
        amount: z.string(),
        weighted: z.string(),
      }),
    ),
  })
  .meta({ id: 'DealBoardSummary' });
export type TBoardSummary = z.infer<typeof ZBoardSummary>;
