import { COMPANY_SIZES } from '@kap/shared';
import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import {
  loadExtraFilterFields,
  type TFieldLookup,
  type TFilterField,
  toCustomFilterField,
} from '../../lib/filters/index.ts';
import { listFieldDefinitions } from '../custom-fields/index.ts';

const jsonList = (path: string, normalize?: (v: string) => string): TFilterField => ({
  kind: 'jsonList',
  expr: sql`jsonb_path_query_array(companies.addresses, ${path}::jsonpath)`,
  normalize,
});

/** Every standard field a company filter or sort may name; expressions are fixed SQL. */
const STANDARD_FIELDS: Record<string, TFilterField> = {
  name: { kind: 'text', expr: sql`companies.name`, isIndexed: true },
  domains: { kind: 'textArray', expr: sql`companies.domains`, normalize: (v) => v.toLowerCase() },
  industry: { kind: 'text', expr: sql`companies.industry`, isIndexed: true },
  size: { kind: 'select', expr: sql`companies.size`, options: COMPANY_SIZES },
  annualRevenue: { kind: 'number', expr: sql`companies.annual_revenue` },
  currency: { kind: 'text', expr: sql`companies.currency`, normalize: (v) => v.toUpperCase() },
  city: jsonList('$[*].city ? (@ != null)'),
  country: jsonList('$[*].country ? (@ != null)', (v) => v.toUpperCase()),
  parentCompanyId: { kind: 'uuid', expr: sql`companies.parent_company_id`, isIndexed: true },
  ownerId: { kind: 'uuid', expr: sql`companies.owner_id`, isIndexed: true },
  tags: { kind: 'textArray', expr: sql`companies.tags` },
  createdAt: { kind: 'datetime', expr: sql`companies.created_at`, isIndexed: true },
  updatedAt: { kind: 'datetime', expr: sql`companies.updated_at`, isIndexed: true },
};

/** Standard fields and `customFields.<key>` for every custom field of companies (archived too). */
export async function loadCompanyFields(trx: TTrx, workspaceId: string): Promise<TFieldLookup> {
  const definitions = await listFieldDefinitions(trx, workspaceId, {
    objectType: 'company',
    includeArchived: true,
  });
  const custom = new Map(
    definitions.map((d) => [
      `customFields.${d.key}`,
      toCustomFilterField(sql`companies.custom_fields`, d, {
        workspaceId,
        recordType: 'company',
        idColumn: sql`companies.id`,
      }),
    ]),
  );
  const extra = loadExtraFilterFields('company', workspaceId, sql`companies.id`);
  return (name) =>
    Object.hasOwn(STANDARD_FIELDS, name) ? STANDARD_FIELDS[name] : (custom.get(name) ?? extra.get(name));
}
