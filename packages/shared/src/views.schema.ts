import { z } from 'zod';
import { ZFilter } from './filters.schema.ts';

export const VIEW_OBJECT_TYPES = ['person', 'company', 'deal'] as const;
export type TViewObjectType = (typeof VIEW_OBJECT_TYPES)[number];

const ZViewSort = z
  .string()
  .regex(/^-?[A-Za-z][A-Za-z0-9_.]{0,99}$/, 'A field name, "-" first for descending')
  .describe('As the list `sort` parameter, e.g. "-customFields.score"');

const viewFields = {
  name: z.string().trim().min(1).max(100),
  isShared: z.boolean().describe('Shared: the whole workspace sees it; else only its owner'),
  filter: ZFilter.nullable(),
  sort: ZViewSort.nullable(),
  columns: z.array(z.string().min(1).max(100)).max(100).describe('Field keys, in display order'),
};

export const ZCreateViewRequest = z.strictObject({
  objectType: z.enum(VIEW_OBJECT_TYPES),
  name: viewFields.name,
  isShared: viewFields.isShared.default(false),
  filter: viewFields.filter.default(null),
  sort: viewFields.sort.default(null),
  columns: viewFields.columns.default([]),
});
export type TCreateViewRequest = z.infer<typeof ZCreateViewRequest>;

export const ZUpdateViewRequest = z.strictObject({
  name: viewFields.name.optional(),
  isShared: viewFields.isShared.optional(),
  filter: viewFields.filter.optional(),
  sort: viewFields.sort.optional(),
  columns: viewFields.columns.optional(),
});
export type TUpdateViewRequest = z.infer<typeof ZUpdateViewRequest>;

export const ZView = z
  .object({
    id: z.string(),
    objectType: z.enum(VIEW_OBJECT_TYPES),
    name: z.string(),
    isShared: z.boolean(),
    ownerId: z.string().nullable(),
    filter: ZFilter.nullable(),
    sort: z.string().nullable(),
    columns: z.array(z.string()),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'View' });
export type TView = z.infer<typeof ZView>;

export const ZListViewsQuery = z.object({ objectType: z.enum(VIEW_OBJECT_TYPES).optional() });
export type TListViewsQuery = z.infer<typeof ZListViewsQuery>;
