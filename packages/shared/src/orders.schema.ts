import { z } from 'zod';
import { ZListQuery } from './common.schema.ts';
import { ZCurrencyCode } from './companies.schema.ts';
import { decimalString, ZMoney } from './currencies.schema.ts';

export const ORDER_CHANNELS = ['store', 'online', 'mobileApp', 'phone', 'marketplace', 'other'] as const;
export type TOrderChannel = (typeof ORDER_CHANNELS)[number];

export const ORDER_STATUSES = [
  'placed',
  'paid',
  'fulfilled',
  'cancelled',
  'refunded',
  'partiallyRefunded',
] as const;
export type TOrderStatus = (typeof ORDER_STATUSES)[number];

/** What a client may set; `refunded` and `partiallyRefunded` follow from the order's refunds. */
export const ORDER_INPUT_STATUSES = ['placed', 'paid', 'fulfilled', 'cancelled'] as const;

export const ZQuantity = decimalString({ integerDigits: 12, scale: 4, isPositive: true, example: '2' });
export const ZTaxRate = decimalString({ integerDigits: 3, scale: 4, example: '20' });

const ZSourceName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][\w.:-]*$/, 'Letters, digits, "_", "-", ".", ":"');
const ZExternalId = z.string().trim().min(1).max(200);

export const ZOrderLineInput = z
  .object({
    productId: z.uuid().nullable().optional().describe('A product of the workspace; or give a description'),
    description: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .describe('Free text; defaults to the product name'),
    quantity: ZQuantity,
    unitPrice: ZMoney.optional().describe("Defaults to the product's price when in the order's currency"),
    discount: ZMoney.optional().describe('Amount off this line (not per unit)'),
    tax: ZMoney.optional().describe('Tax amount of this line; or give taxRate'),
    taxRate: ZTaxRate.optional().describe('Percent of the discounted line amount, rounded half up to cents'),
  })
  .refine((line) => line.productId || line.description, {
    message: 'A line needs a productId or a description',
    path: ['description'],
  })
  .refine((line) => line.tax === undefined || line.taxRate === undefined, {
    message: 'Give tax or taxRate, not both',
    path: ['taxRate'],
  });
export type TOrderLineInput = z.infer<typeof ZOrderLineInput>;

const orderFields = {
  channel: z.enum(ORDER_CHANNELS),
  location: z.string().trim().max(200).nullable().optional().describe('Store, till or site'),
  personId: z.uuid().nullable().optional(),
  companyId: z.uuid().nullable().optional(),
  occurredAt: z.iso.datetime({ offset: true }),
  status: z.enum(ORDER_INPUT_STATUSES).optional().describe('Default placed'),
  currency: ZCurrencyCode,
  note: z.string().trim().max(5000).nullable().optional(),
  lines: z.array(ZOrderLineInput).min(1).max(500),
};

export const ZCreateOrderRequest = z.object({
  ...orderFields,
  source: ZSourceName.optional().describe('The system the order comes from; default "kap"'),
  externalId: ZExternalId.optional().describe('Unique per source; PUT …/by-external-id upserts by it'),
});
export type TCreateOrderRequest = z.infer<typeof ZCreateOrderRequest>;

/** The body of the idempotent upsert: source and external id come from the path. */
export const ZUpsertOrderRequest = z.object(orderFields);
export type TUpsertOrderRequest = z.infer<typeof ZUpsertOrderRequest>;

export const ZExternalOrderParams = z.object({ source: ZSourceName, externalId: ZExternalId });

export const ZUpdateOrderRequest = z.object({
  status: z.enum(ORDER_INPUT_STATUSES).optional(),
  location: orderFields.location,
  personId: orderFields.personId,
  companyId: orderFields.companyId,
  note: orderFields.note,
  channel: orderFields.channel.optional(),
  occurredAt: orderFields.occurredAt.optional(),
  currency: orderFields.currency.optional(),
  lines: orderFields.lines.optional().describe('Replaces all lines; the totals are computed again'),
});
export type TUpdateOrderRequest = z.infer<typeof ZUpdateOrderRequest>;

export const ZOrderLine = z.object({
  lineNo: z.number().int(),
  productId: z.string().nullable(),
  description: z.string(),
  sku: z.string().nullable(),
  category: z.string().nullable(),
  quantity: z.string(),
  unitPrice: z.string(),
  discount: z.string(),
  tax: z.string(),
  taxRate: z.string().nullable(),
  lineTotal: z.string(),
});
export type TOrderLine = z.infer<typeof ZOrderLine>;

export const ZRefundLine = z.object({ lineNo: z.number().int(), quantity: z.string(), amount: z.string() });

export const ZRefund = z
  .object({
    id: z.string(),
    orderId: z.string(),
    amount: z.string(),
    baseAmount: z.string(),
    reason: z.string().nullable(),
    lines: z.array(ZRefundLine),
    occurredAt: z.iso.datetime(),
    createdAt: z.iso.datetime(),
    createdBy: z.string().nullable(),
  })
  .meta({ id: 'Refund' });
export type TRefund = z.infer<typeof ZRefund>;

const orderSummaryFields = {
  id: z.string(),
  source: z.string(),
  externalId: z.string().nullable(),
  channel: z.enum(ORDER_CHANNELS),
  location: z.string().nullable(),
  personId: z.string().nullable(),
  companyId: z.string().nullable(),
  occurredAt: z.iso.datetime(),
  status: z.enum(ORDER_STATUSES),
  currency: z.string(),
  subtotal: z.string(),
  discountTotal: z.string(),
  taxTotal: z.string(),
  total: z.string(),
  refundedTotal: z.string(),
  baseCurrency: z.string(),
  exchangeRate: z.string().describe('Base-currency units per unit of the order currency, as used'),
  baseTotal: z.string(),
  baseRefundedTotal: z.string(),
  note: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  createdBy: z.string().nullable(),
  updatedBy: z.string().nullable(),
};

export const ZOrderSummary = z.object(orderSummaryFields).meta({ id: 'OrderSummary' });
export type TOrderSummary = z.infer<typeof ZOrderSummary>;

export const ZOrder = z
  .object({ ...orderSummaryFields, lines: z.array(ZOrderLine), refunds: z.array(ZRefund) })
  .meta({ id: 'Order' });
export type TOrder = z.infer<typeof ZOrder>;

export const ZListOrdersQuery = ZListQuery.extend({
  personId: z.uuid().optional(),
  companyId: z.uuid().optional(),
  productId: z.uuid().optional().describe('Orders with a line of this product'),
  status: z.enum(ORDER_STATUSES).optional(),
  channel: z.enum(ORDER_CHANNELS).optional(),
  source: ZSourceName.optional(),
  externalId: ZExternalId.optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('occurredAt on or after'),
  to: z.iso.datetime({ offset: true }).optional().describe('occurredAt before'),
  sort: z.enum(['occurredAt', '-occurredAt']).default('-occurredAt'),
});
export type TListOrdersQuery = z.infer<typeof ZListOrdersQuery>;

export const ZCreateRefundRequest = z
  .object({
    amount: ZMoney.optional().describe('Default: the value of the refunded lines'),
    lines: z
      .array(
        z.object({
          lineNo: z.number().int().min(1),
          quantity: ZQuantity.optional().describe("Default: the line's whole quantity"),
        }),
      )
      .max(500)
      .optional(),
    reason: z.string().trim().max(1000).nullable().optional(),
    occurredAt: z.iso.datetime({ offset: true }).optional().describe('Default: now'),
  })
  .refine((r) => r.amount !== undefined || (r.lines && r.lines.length > 0), {
    message: 'Give an amount or the refunded lines',
    path: ['amount'],
  });
export type TCreateRefundRequest = z.infer<typeof ZCreateRefundRequest>;

export const ZCreateRefundResponse = z.object({ refund: ZRefund, order: ZOrder });

export const ZPurchaseStats = z
  .object({
    orderCount: z.number().int(),
    lifetimeRevenue: z.string().describe('Base currency, net of refunds; cancelled orders left out'),
    averageOrderValue: z.string(),
    firstPurchaseAt: z.iso.datetime().nullable(),
    lastPurchaseAt: z.iso.datetime().nullable(),
    favouriteChannel: z.enum(ORDER_CHANNELS).nullable(),
    favouriteCategories: z.array(z.string()),
    baseCurrency: z.string(),
  })
  .meta({ id: 'PurchaseStats' });
export type TPurchaseStats = z.infer<typeof ZPurchaseStats>;

export const ZProductSuggestion = z.object({
  product: z.object({
    id: z.string(),
    sku: z.string(),
    name: z.string(),
    category: z.string().nullable(),
    price: z.string(),
    currency: z.string(),
  }),
  coPurchaseCount: z
    .number()
    .int()
    .describe('Other customers who bought it and at least one product this customer bought'),
  becauseOf: z
    .array(z.object({ id: z.string(), name: z.string(), count: z.number().int() }))
    .describe("This customer's products those customers bought too, most shared first (up to 3)"),
  reason: z.string(),
});
export type TProductSuggestion = z.infer<typeof ZProductSuggestion>;

export const ZSuggestionsQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) });
export const ZSuggestionsResponse = z.object({ data: z.array(ZProductSuggestion) });
