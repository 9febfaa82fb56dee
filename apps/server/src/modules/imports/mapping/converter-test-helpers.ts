import { DEFAULT_LIFECYCLE_STAGES, type TImportMapping, ZImportMapping } from '@kap/shared';
import type { TConverterContext, TImportCustomField } from './converter-types.ts';

export const OWNER_ID = '0b0f3a57-3f6e-4f44-9d8e-3f1f7a2b9c11';

export const customFields: TImportCustomField[] = [
  {
    key: 'tier',
    label: 'Tier',
    type: 'select',
    options: [
      { value: 'gold', label: 'Gold' },
      { value: 'silver', label: 'Silver' },
    ],
  },
  {
    key: 'hobbies',
    label: 'Hobbies',
    type: 'multiSelect',
    options: [
      { value: 'chess', label: 'Chess' },
      { value: 'ski', label: 'Skiing' },
    ],
  },
  { key: 'points', label: 'Points', type: 'number', options: null },
  { key: 'isVip', label: 'VIP', type: 'boolean', options: null },
  { key: 'since', label: 'Customer since', type: 'date', options: null },
  { key: 'lastSeen', label: 'Last seen', type: 'datetime', options: null },
  { key: 'balance', label: 'Balance', type: 'currency', options: null },
  { key: 'site', label: 'Site', type: 'url', options: null },
  { key: 'backupEmail', label: 'Backup email', type: 'email', options: null },
  { key: 'fax', label: 'Fax', type: 'phone', options: null },
  { key: 'manager', label: 'Manager', type: 'user', options: null },
  { key: 'old', label: 'Old', type: 'text', options: null, isArchived: true },
];

export const context = (
  headers: string[],
  overrides: Partial<TConverterContext> = {},
): TConverterContext => ({
  customFields,
  defaultCountry: 'AM',
  lifecycleStages: DEFAULT_LIFECYCLE_STAGES,
  memberIdsByEmail: new Map([['owner@kap.example', OWNER_ID]]),
  headers,
  ...overrides,
});

export const mappingOf = (
  pairs: [column: string, target: string | null][],
  options: object = {},
): TImportMapping =>
  ZImportMapping.parse({ columns: pairs.map(([column, target]) => ({ column, target })), options });
