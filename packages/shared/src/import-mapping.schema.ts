import { z } from 'zod';
import { CUSTOM_FIELD_TYPES, type TCustomFieldType } from './custom-fields.schema.ts';
import { ZExternalId, ZPhoneCountry } from './people.schema.ts';

export const ZImportObjectType = z.enum(['person', 'company', 'activity', 'product', 'order']);
export type TImportObjectType = z.infer<typeof ZImportObjectType>;

/** How a column's text is read before it is stored. */
export const IMPORT_VALUE_KINDS = [
  'text',
  'longText',
  'email',
  'phone',
  'date',
  'datetime',
  'number',
  'money',
  'duration',
  'list',
  'country',
  'currency',
  'domain',
  'member',
  'language',
  'timezone',
  'channel',
  'lifecycleStage',
  'companySize',
  'activityType',
  'activityChannel',
  'direction',
  'externalId',
  'boolean',
  'decimal',
  'orderStatus',
  'orderChannel',
] as const;
export type TImportValueKind = (typeof IMPORT_VALUE_KINDS)[number];

/**
 * A field a column can fill. `isRepeatable`: several columns may map to it (their values are
 * joined, e.g. "Tag 1", "Tag 2"). `label` is English; the web app translates by `key`.
 */
export type TImportTarget = {
  key: string;
  label: string;
  kind: TImportValueKind;
  isRepeatable: boolean;
};

const target = (key: string, label: string, kind: TImportValueKind, isRepeatable = false): TImportTarget => ({
  key,
  label,
  kind,
  isRepeatable,
});

const ADDRESS_TARGETS = [
  target('addressStreet', 'Street address', 'text'),
  target('addressLine2', 'Address line 2', 'text'),
  target('addressCity', 'City', 'text'),
  target('addressRegion', 'Region / state', 'text'),
  target('addressPostalCode', 'Postal code', 'text'),
  target('addressCountry', 'Country', 'country'),
];

export const IMPORT_TARGETS: Record<TImportObjectType, readonly TImportTarget[]> = {
  person: [
    target('firstName', 'First name', 'text'),
    target('lastName', 'Last name', 'text'),
    target('displayName', 'Full name', 'text'),
    target('email', 'Email', 'email'),
    target('email2', 'Email 2', 'email'),
    target('email3', 'Email 3', 'email'),
    target('phone', 'Phone', 'phone'),
    target('mobilePhone', 'Mobile phone', 'phone'),
    target('workPhone', 'Work phone', 'phone'),
    target('homePhone', 'Home phone', 'phone'),
    target('company', 'Company name', 'text'),
    target('jobTitle', 'Job title', 'text'),
    target('birthDate', 'Birth date', 'date'),
    target('gender', 'Gender', 'text'),
    target('preferredLanguage', 'Preferred language', 'language'),
    target('preferredChannel', 'Preferred channel', 'channel'),
    target('timezone', 'Time zone', 'timezone'),
    target('lifecycleStage', 'Lifecycle stage', 'lifecycleStage'),
    target('leadSource', 'Lead source', 'text'),
    target('tags', 'Tags', 'list', true),
    target('interests', 'Interests', 'list', true),
    ...ADDRESS_TARGETS,
    target('externalId', 'External id', 'externalId'),
    target('owner', 'Owner (member email)', 'member'),
  ],
  company: [
    target('name', 'Name', 'text'),
    target('domains', 'Domains / website', 'domain', true),
    target('industry', 'Industry', 'text'),
    target('size', 'Size (employees)', 'companySize'),
    target('annualRevenue', 'Annual revenue', 'money'),
    target('currency', 'Currency', 'currency'),
    ...ADDRESS_TARGETS,
    target('owner', 'Owner (member email)', 'member'),
    target('tags', 'Tags', 'list', true),
    target('externalId', 'External id', 'externalId'),
  ],
  activity: [
    target('type', 'Type', 'activityType'),
    target('channel', 'Channel', 'activityChannel'),
    target('direction', 'Direction', 'direction'),
    target('occurredAt', 'Date and time', 'datetime'),
    target('subject', 'Subject', 'text'),
    target('body', 'Body', 'longText'),
    target('duration', 'Duration', 'duration'),
    target('outcome', 'Outcome', 'text'),
    target('personEmail', 'Person email', 'email'),
    target('personExternalId', 'Person external id', 'externalId'),
    target('companyName', 'Company name', 'text'),
    // The activity's own id in the system the file comes from: a re-import finds it by this.
    target('externalId', 'External id', 'externalId'),
  ],
  product: [
    target('sku', 'SKU', 'text'),
    target('name', 'Name', 'text'),
    target('category', 'Category', 'text'),
    target('price', 'Price', 'money'),
    target('currency', 'Currency', 'currency'),
    target('isActive', 'Active', 'boolean'),
    target('description', 'Description', 'longText'),
  ],
  // One row per order line; rows with the same order id form one order.
  order: [
    target('orderId', 'Order id', 'text'),
    target('orderSource', 'Source (system the orders come from)', 'text'),
    target('channel', 'Channel', 'orderChannel'),
    target('location', 'Store / location', 'text'),
    target('occurredAt', 'Order date', 'datetime'),
    target('status', 'Status', 'orderStatus'),
    target('currency', 'Currency', 'currency'),
    target('note', 'Note', 'longText'),
    target('customerEmail', 'Customer email', 'email'),
    target('customerPhone', 'Customer phone', 'phone'),
    target('customerExternalId', 'Customer external id', 'externalId'),
    target('companyName', 'Company name', 'text'),
    target('productSku', 'Product SKU', 'text'),
    target('productName', 'Product name / line description', 'text'),
    target('quantity', 'Quantity', 'decimal'),
    target('unitPrice', 'Unit price', 'money'),
    target('discount', 'Line discount', 'money'),
    target('tax', 'Line tax', 'money'),
    target('taxRate', 'Tax rate (%)', 'decimal'),
  ],
};

/** Custom fields are mapped as `cf.<key>`. */
export const CUSTOM_FIELD_TARGET_PREFIX = 'cf.';

export function findImportTarget(objectType: TImportObjectType, key: string): TImportTarget | undefined {
  return IMPORT_TARGETS[objectType].find((t) => t.key === key);
}

/** Field types a column can become; users and relations need ids, which files seldom carry. */
export const IMPORT_NEW_FIELD_TYPES = CUSTOM_FIELD_TYPES.filter(
  (t): t is Exclude<TCustomFieldType, 'relation'> => t !== 'relation',
);

export const ZImportNewField = z.object({
  key: z
    .string()
    .regex(
      /^[a-z][A-Za-z0-9_]{0,62}$/,
      'Starts with a lowercase letter; letters, digits and "_" (at most 63)',
    ),
  label: z.string().trim().min(1).max(100),
  type: z.enum(CUSTOM_FIELD_TYPES).exclude(['relation']),
  options: z
    .array(
      z.object({ value: z.string().trim().min(1).max(100), label: z.string().trim().max(100).optional() }),
    )
    .max(500)
    .optional()
    .describe('Choices of select and multiSelect fields; default: the distinct values of the column'),
});
export type TImportNewField = z.infer<typeof ZImportNewField>;

export const ZImportColumnMapping = z.object({
  column: z.string().min(1).max(500).describe('The header of the column, as in the file'),
  target: z
    .string()
    .max(100)
    .nullable()
    .describe('A target field key, or `cf.<key>` for a custom field; null: the column is not imported'),
  newField: ZImportNewField.optional().describe('Create this custom field and import the column into it'),
});
export type TImportColumnMapping = z.infer<typeof ZImportColumnMapping>;

/** The source of imported orders when neither a column nor `options.externalIdSource` names one. */
export const DEFAULT_IMPORT_ORDER_SOURCE = 'import';

export const ZImportMappingOptions = z.object({
  defaultCountry: ZPhoneCountry.optional().describe('For phone numbers without "+"; default: the workspace'),
  dateFormat: z
    .enum(['auto', 'DMY', 'MDY', 'YMD'])
    .default('auto')
    .describe('Order of day, month and year in dates such as 03/04/2024; auto: DMY unless unambiguous'),
  decimalSeparator: z.enum(['auto', '.', ',']).default('auto'),
  listSeparator: z
    .string()
    .min(1)
    .max(3)
    .optional()
    .describe('Splits tags and multi-select values; default: "," or ";"'),
  externalIdSource: ZExternalId.shape.source
    .optional()
    .describe('Where the external ids of the file come from, e.g. "hubspot"'),
  createMissingCustomers: z
    .boolean()
    .optional()
    .describe(
      'Orders: create a person for a customer email, phone or external id Kap does not have (else the order is rejected)',
    ),
});
export type TImportMappingOptions = z.infer<typeof ZImportMappingOptions>;

export const ZImportMapping = z
  .object({
    columns: z.array(ZImportColumnMapping).max(1000),
    options: ZImportMappingOptions.default({ dateFormat: 'auto', decimalSeparator: 'auto' }),
  })
  .superRefine((mapping, ctx) => {
    const seenColumns = new Set<string>();
    mapping.columns.forEach((column, index) => {
      if (seenColumns.has(column.column)) {
        ctx.addIssue({ code: 'custom', path: ['columns', index, 'column'], message: 'Each column once' });
      }
      seenColumns.add(column.column);
      if (column.newField && column.target !== null && column.target !== `cf.${column.newField.key}`) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', index, 'target'],
          message: `A column that becomes a new field has target null or "cf.${column.newField.key}"`,
        });
      }
    });
  })
  .meta({ id: 'ImportMapping' });
export type TImportMapping = z.infer<typeof ZImportMapping>;
export type TImportMappingInput = z.input<typeof ZImportMapping>;

/**
 * What is wrong with a mapping for this object type and these custom field keys (active ones),
 * as `{path, message}` at `columns.<i>.target`: unknown targets, a target used twice that takes
 * one column, a new field whose key exists, an external id without its source.
 */
export function findImportMappingProblems(
  objectType: TImportObjectType,
  mapping: TImportMapping,
  customFieldKeys: ReadonlySet<string>,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const used = new Map<string, number>();
  const newKeys = new Set<string>();
  mapping.columns.forEach((column, index) => {
    const path = `columns.${index}.target`;
    if (column.newField) {
      const { key } = column.newField;
      if (customFieldKeys.has(key) || newKeys.has(key)) {
        problems.push({ path: `columns.${index}.newField.key`, message: `A custom field "${key}" exists` });
      }
      newKeys.add(key);
    }
    const key = column.target ?? (column.newField ? `cf.${column.newField.key}` : null);
    if (key === null) return;
    if (key.startsWith(CUSTOM_FIELD_TARGET_PREFIX)) {
      const fieldKey = key.slice(CUSTOM_FIELD_TARGET_PREFIX.length);
      if (!customFieldKeys.has(fieldKey) && !newKeys.has(fieldKey)) {
        problems.push({ path, message: `No custom field "${fieldKey}"` });
      }
    } else {
      const found = findImportTarget(objectType, key);
      if (!found) {
        problems.push({ path, message: `"${key}" is not a field of ${objectType} imports` });
        return;
      }
      if (found.kind === 'externalId' && !mapping.options.externalIdSource) {
        problems.push({
          path: 'options.externalIdSource',
          message: 'Name the source of the external ids, e.g. "hubspot"',
        });
      }
      if (found.isRepeatable) return;
    }
    const previous = used.get(key);
    if (previous !== undefined) {
      problems.push({
        path,
        message: `"${key}" is already filled by column "${mapping.columns[previous]?.column}"`,
      });
    } else used.set(key, index);
  });
  return problems;
}
