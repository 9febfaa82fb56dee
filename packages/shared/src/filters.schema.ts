import { z } from 'zod';

/**
 * The list filter language, shared by the people and company lists, saved views and bulk actions.
 * A filter is a tree: `{and: [...]}`, `{or: [...]}` or a condition `{field, op, value}`. Which ops
 * and values a field takes depends on its type; the server checks that against the field list
 * (standard fields and the workspace's custom field definitions) and answers 400 with the path
 * of the offending part, e.g. `filter.and.0.value`.
 */
export const FILTER_OPS = [
  'eq',
  'neq',
  'contains',
  'in',
  'notIn',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'isEmpty',
  'isNotEmpty',
  'inLast',
  'notInLast',
  'before',
  'after',
] as const;
export type TFilterOp = (typeof FILTER_OPS)[number];

export const RELATIVE_DATE_UNITS = ['minutes', 'hours', 'days', 'weeks', 'months', 'years'] as const;
export type TRelativeDateUnit = (typeof RELATIVE_DATE_UNITS)[number];

export type TFilterCondition = { field: string; op: TFilterOp; value?: unknown };
export type TFilter = { and: TFilter[] } | { or: TFilter[] } | TFilterCondition;

/** Limits that keep one filter's SQL small. */
export const FILTER_LIMITS = { depth: 5, conditions: 100, listValues: 1000 } as const;

const ZFilterCondition = z.strictObject({
  field: z.string().min(1).max(100).describe('A standard field or customFields.<key>'),
  op: z.enum(FILTER_OPS),
  value: z
    .unknown()
    .optional()
    .describe('By op: a value; a list (in, notIn); [from, to] (between); {amount, unit} (inLast)'),
});

/** The shape only (for OpenAPI and forms); fields, ops and values are checked by the server. */
export const ZFilter: z.ZodType<TFilter> = z
  .lazy(() =>
    z.union([
      z.strictObject({ and: z.array(ZFilter).max(FILTER_LIMITS.conditions) }),
      z.strictObject({ or: z.array(ZFilter).max(FILTER_LIMITS.conditions) }),
      ZFilterCondition,
    ]),
  )
  .meta({ id: 'Filter' });

/** `filter` in a list query: the JSON text of a filter (URL-encoded). */
export const ZFilterParam = z
  .string()
  .max(20_000)
  .describe('JSON filter, e.g. {"and":[{"field":"tags","op":"contains","value":"vip"}]}');

/** A list sort: a field name or `customFields.<key>`, "-" first for descending. */
export const LIST_SORT = /^-?(?:[a-z][A-Za-z0-9]{0,62}|customFields\.[a-z][A-Za-z0-9_]{0,62})$/;

export const BULK_ID_LIMIT = 10_000;

const bulkBase = {
  value: z.string().trim().min(1).max(100).nullable().optional(),
  ids: z.array(z.string().max(100)).min(1).max(BULK_ID_LIMIT).optional(),
  filter: ZFilter.optional().describe('The whole filtered result, any size'),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('With filter: only records the list search `q` matches, exactly as the list applies it'),
  confirm: z.boolean().optional().describe('Required (true) for delete'),
};

function checkBulk(
  request: {
    action: string;
    value?: string | null | undefined;
    ids?: unknown;
    filter?: unknown;
    q?: string | undefined;
    confirm?: boolean | undefined;
  },
  ctx: z.RefinementCtx,
) {
  if ((request.ids === undefined) === (request.filter === undefined))
    ctx.addIssue({ code: 'custom', path: ['ids'], message: 'Give either ids or filter' });
  if (request.q && request.filter === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['q'],
      message: 'A search text needs filter (use {"and": []} for all)',
    });
  const needsValue =
    request.action === 'addTag' || request.action === 'removeTag' || request.action === 'setLifecycleStage';
  if (needsValue && !request.value)
    ctx.addIssue({ code: 'custom', path: ['value'], message: 'Required for this action' });
  if (request.action === 'delete' && request.confirm !== true)
    ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'Deleting needs confirm: true' });
}

export const ZPeopleBulkRequest = z
  .strictObject({
    action: z.enum(['addTag', 'removeTag', 'setOwner', 'setLifecycleStage', 'delete']),
    ...bulkBase,
  })
  .superRefine(checkBulk);
export type TPeopleBulkRequest = z.infer<typeof ZPeopleBulkRequest>;

export const ZCompaniesBulkRequest = z
  .strictObject({ action: z.enum(['addTag', 'removeTag', 'setOwner', 'delete']), ...bulkBase })
  .superRefine(checkBulk);
export type TCompaniesBulkRequest = z.infer<typeof ZCompaniesBulkRequest>;

export const ZBulkResponse = z.object({ affected: z.number().int() }).meta({ id: 'BulkResult' });
