import { PREFERRED_CHANNELS, type TCustomField } from '@kap/shared';

/** How a field is filtered and which value input it takes. */
export type TFieldKind = 'text' | 'number' | 'date' | 'boolean' | 'select' | 'multi' | 'user' | 'record';

export type TFieldDef = {
  id: string;
  /** Translated label (built-in) or the custom field's label. */
  label: string;
  kind: TFieldKind;
  options?: { value: string; label: string }[];
  isSortable: boolean;
  /** For `record` fields: the type of record the value points to. */
  relationType?: 'person' | 'company';
};

export const OPERATORS: Record<TFieldKind, string[]> = {
  text: ['contains', 'eq', 'neq', 'in', 'isEmpty', 'isNotEmpty'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'isEmpty', 'isNotEmpty'],
  date: ['inLast', 'gt', 'lt', 'between', 'eq', 'isEmpty', 'isNotEmpty'],
  boolean: ['eq'],
  select: ['eq', 'neq', 'in', 'isEmpty', 'isNotEmpty'],
  multi: ['contains', 'in', 'isEmpty', 'isNotEmpty'],
  user: ['eq', 'neq', 'in', 'isEmpty', 'isNotEmpty'],
  record: ['eq', 'neq', 'isEmpty', 'isNotEmpty'],
};

export const VALUELESS_OPS = new Set(['isEmpty', 'isNotEmpty']);

function kindOfCustom(field: TCustomField): TFieldKind {
  switch (field.type) {
    case 'number':
    case 'currency':
      return 'number';
    case 'date':
    case 'datetime':
      return 'date';
    case 'boolean':
      return 'boolean';
    case 'select':
      return 'select';
    case 'multiSelect':
      return 'multi';
    case 'user':
      return 'user';
    case 'relation':
      return 'record';
    default:
      return 'text';
  }
}

type TLabels = (key: string) => string;

export function buildPersonFields(
  label: TLabels,
  stages: { key: string; label: string }[],
  customFields: TCustomField[],
  channelLabel: (c: string) => string,
): TFieldDef[] {
  const builtIn: TFieldDef[] = [
    { id: 'firstName', label: label('firstName'), kind: 'text', isSortable: true },
    { id: 'lastName', label: label('lastName'), kind: 'text', isSortable: true },
    { id: 'displayName', label: label('displayName'), kind: 'text', isSortable: true },
    { id: 'emails', label: label('email'), kind: 'multi', isSortable: false },
    { id: 'phones', label: label('phone'), kind: 'multi', isSortable: false },
    { id: 'jobTitle', label: label('jobTitle'), kind: 'text', isSortable: true },
    {
      id: 'lifecycleStage',
      label: label('lifecycleStage'),
      kind: 'select',
      options: stages.map((s) => ({ value: s.key, label: s.label })),
      isSortable: true,
    },
    { id: 'leadSource', label: label('leadSource'), kind: 'text', isSortable: true },
    { id: 'tags', label: label('tags'), kind: 'multi', isSortable: false },
    { id: 'interests', label: label('interests'), kind: 'multi', isSortable: false },
    { id: 'gender', label: label('gender'), kind: 'text', isSortable: true },
    { id: 'timezone', label: label('timezone'), kind: 'text', isSortable: true },
    { id: 'preferredLanguage', label: label('preferredLanguage'), kind: 'text', isSortable: true },
    { id: 'ownerId', label: label('owner'), kind: 'user', isSortable: true },
    {
      id: 'preferredChannel',
      label: label('preferredChannel'),
      kind: 'select',
      options: PREFERRED_CHANNELS.map((c) => ({ value: c, label: channelLabel(c) })),
      isSortable: true,
    },
    { id: 'birthDate', label: label('birthDate'), kind: 'date', isSortable: true },
    { id: 'createdAt', label: label('createdAt'), kind: 'date', isSortable: true },
    { id: 'updatedAt', label: label('updatedAt'), kind: 'date', isSortable: true },
  ];
  return [...builtIn, ...customFieldDefs(customFields)];
}

/** Filter and column definitions of an object's (unarchived) custom fields. */
export function customFieldDefs(customFields: TCustomField[]): TFieldDef[] {
  return customFields
    .filter((f) => !f.isArchived)
    .map<TFieldDef>((f) => ({
      id: `customFields.${f.key}`,
      label: f.label,
      kind: kindOfCustom(f),
      options: f.options ?? undefined,
      isSortable: f.type !== 'multiSelect' && f.type !== 'longText',
      relationType: f.relation?.objectType as TFieldDef['relationType'],
    }));
}

export const DEFAULT_COLUMNS = ['firstName', 'lastName', 'emails', 'phones', 'lifecycleStage', 'createdAt'];
