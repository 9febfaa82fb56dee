import { z } from 'zod';

/** Record types that carry custom fields; deals, tickets... join as their modules arrive. */
export const CUSTOM_FIELD_OBJECT_TYPES = ['person', 'company', 'deal', 'product'] as const;
export type TCustomFieldObjectType = (typeof CUSTOM_FIELD_OBJECT_TYPES)[number];

export const CUSTOM_FIELD_TYPES = [
  'text',
  'longText',
  'number',
  'currency',
  'date',
  'datetime',
  'boolean',
  'select',
  'multiSelect',
  'url',
  'email',
  'phone',
  'user',
  'relation',
] as const;
export type TCustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export const ZCustomFieldObjectType = z.enum(CUSTOM_FIELD_OBJECT_TYPES);

/** A choice of a select field: `value` is stored in records, `label` is shown and may change. */
const ZOption = z
  .union([z.string(), z.object({ value: z.string(), label: z.string().optional() })])
  .transform((option) => (typeof option === 'string' ? { value: option, label: option } : option))
  .pipe(
    z.object({
      value: z.string().trim().min(1).max(100),
      label: z.string().trim().max(100).optional(),
    }),
  )
  .transform((option) => ({ value: option.value, label: option.label || option.value }));

const ZOptions = z
  .array(ZOption)
  .min(1)
  .max(500)
  .refine(
    (options) => new Set(options.map((o) => o.value)).size === options.length,
    'Each option value once',
  );

const ZRelation = z.object({ objectType: ZCustomFieldObjectType });

export const ZCreateCustomFieldRequest = z
  .object({
    objectType: ZCustomFieldObjectType,
    key: z
      .string()
      .regex(
        /^[a-z][A-Za-z0-9_]{0,62}$/,
        'Starts with a lowercase letter; letters, digits and "_" (at most 63)',
      )
      .describe('Stable name in records and filters (`cf.<key>`); cannot change'),
    label: z.string().trim().min(1).max(100),
    type: z.enum(CUSTOM_FIELD_TYPES),
    options: ZOptions.optional().describe(
      'Choices of select and multiSelect fields: strings or {value, label}',
    ),
    relation: ZRelation.optional().describe('For relation fields: the type of record it points to'),
  })
  .superRefine((field, ctx) => {
    const isSelect = field.type === 'select' || field.type === 'multiSelect';
    if (isSelect && !field.options)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'A select field needs options' });
    if (!isSelect && field.options)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Only select fields have options' });
    if (field.type === 'relation' && !field.relation) {
      ctx.addIssue({
        code: 'custom',
        path: ['relation'],
        message: 'A relation field needs relation.objectType',
      });
    }
    if (field.type !== 'relation' && field.relation) {
      ctx.addIssue({ code: 'custom', path: ['relation'], message: 'Only relation fields have a relation' });
    }
  });
export type TCreateCustomFieldRequest = z.infer<typeof ZCreateCustomFieldRequest>;

/** The key, type and object type never change: records and filters depend on them. */
export const ZUpdateCustomFieldRequest = z.strictObject({
  label: z.string().trim().min(1).max(100).optional(),
  options: ZOptions.optional().describe('Replaces the choices; records keep the values they have'),
  isArchived: z
    .boolean()
    .optional()
    .describe('Archived: hidden from records and refused on write; data kept'),
});
export type TUpdateCustomFieldRequest = z.infer<typeof ZUpdateCustomFieldRequest>;

export const ZCustomField = z
  .object({
    id: z.string(),
    objectType: ZCustomFieldObjectType,
    key: z.string(),
    label: z.string(),
    type: z.enum(CUSTOM_FIELD_TYPES),
    options: z.array(z.object({ value: z.string(), label: z.string() })).nullable(),
    relation: ZRelation.nullable(),
    isArchived: z.boolean(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'CustomField' });
export type TCustomField = z.infer<typeof ZCustomField>;

export const ZListCustomFieldsQuery = z.object({
  objectType: ZCustomFieldObjectType.optional(),
  includeArchived: z.stringbool().optional(),
});
export type TListCustomFieldsQuery = z.infer<typeof ZListCustomFieldsQuery>;
