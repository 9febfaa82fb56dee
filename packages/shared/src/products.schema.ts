import { z } from 'zod';
import { ZListQuery } from './common.schema.ts';
import { ZCurrencyCode } from './companies.schema.ts';
import { ZMoney } from './currencies.schema.ts';
import { ZCustomFieldValues } from './people.schema.ts';

const productFields = {
  sku: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^\S+$/, 'No spaces')
    .describe('Stock keeping unit, unique in the workspace'),
  name: z.string().trim().min(1).max(300),
  category: z.string().trim().max(120).nullable().optional(),
  description: z.string().trim().max(5000).nullable().optional(),
  price: ZMoney,
  currency: ZCurrencyCode,
  isActive: z.boolean().optional(),
  customFields: ZCustomFieldValues.optional().describe('Values by custom field key; null clears one'),
};

export const ZCreateProductRequest = z.object(productFields);
export type TCreateProductRequest = z.infer<typeof ZCreateProductRequest>;

export const ZUpdateProductRequest = z.object({
  ...productFields,
  sku: productFields.sku.optional(),
  name: productFields.name.optional(),
  price: productFields.price.optional(),
  currency: productFields.currency.optional(),
});
export type TUpdateProductRequest = z.infer<typeof ZUpdateProductRequest>;

export const ZProduct = z
  .object({
    id: z.string(),
    sku: z.string(),
    name: z.string(),
    category: z.string().nullable(),
    description: z.string().nullable(),
    price: z.string(),
    currency: z.string(),
    isActive: z.boolean(),
    customFields: z.record(z.string(), z.unknown()),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    createdBy: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'Product' });
export type TProduct = z.infer<typeof ZProduct>;

export const PRODUCT_SORTS = ['name', 'sku', 'createdAt'] as const;

export const ZListProductsQuery = ZListQuery.extend({
  q: z.string().trim().max(200).optional().describe('Part of the name or SKU'),
  category: z.string().trim().max(120).optional(),
  isActive: z.stringbool().optional(),
  sort: z.enum([...PRODUCT_SORTS, ...PRODUCT_SORTS.map((s) => `-${s}` as const)]).default('name'),
});
export type TListProductsQuery = z.infer<typeof ZListProductsQuery>;

export const ZProductCategoriesResponse = z.object({ data: z.array(z.string()) });
