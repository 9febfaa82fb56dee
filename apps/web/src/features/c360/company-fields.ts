import { COMPANY_SIZES, type TCustomField } from '@kap/shared';
import { customFieldDefs, type TFieldDef } from './person-fields.ts';

/**
 * Every field a company list filters, sorts or shows, as the server's companies filter knows them
 * (apps/server/src/modules/companies/companies-filter-fields.ts), then the custom fields.
 */
export function buildCompanyFields(
  label: (key: string) => string,
  customFields: TCustomField[],
): TFieldDef[] {
  const builtIn: TFieldDef[] = [
    { id: 'name', label: label('name'), kind: 'text', isSortable: true },
    { id: 'domains', label: label('domains'), kind: 'multi', isSortable: false },
    { id: 'industry', label: label('industry'), kind: 'text', isSortable: true },
    {
      id: 'size',
      label: label('size'),
      kind: 'select',
      options: COMPANY_SIZES.map((s) => ({ value: s, label: s })),
      isSortable: true,
    },
    { id: 'annualRevenue', label: label('revenue'), kind: 'number', isSortable: true },
    { id: 'currency', label: label('currency'), kind: 'text', isSortable: true },
    { id: 'city', label: label('city'), kind: 'multi', isSortable: false },
    { id: 'country', label: label('country'), kind: 'multi', isSortable: false },
    {
      id: 'parentCompanyId',
      label: label('parent'),
      kind: 'record',
      relationType: 'company',
      isSortable: false,
    },
    { id: 'ownerId', label: label('owner'), kind: 'user', isSortable: true },
    { id: 'tags', label: label('tags'), kind: 'multi', isSortable: false },
    { id: 'createdAt', label: label('createdAt'), kind: 'date', isSortable: true },
    { id: 'updatedAt', label: label('updatedAt'), kind: 'date', isSortable: true },
  ];
  return [...builtIn, ...customFieldDefs(customFields)];
}

export const COMPANY_DEFAULT_COLUMNS = ['name', 'domains', 'industry', 'size', 'tags', 'createdAt'];
