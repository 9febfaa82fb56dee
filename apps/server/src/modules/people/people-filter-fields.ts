import { type RawBuilder, sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import {
  loadExtraFilterFields,
  type TFieldLookup,
  type TFilterField,
  toCustomFilterField,
} from '../../lib/filters/index.ts';
import { listFieldDefinitions } from '../custom-fields/index.ts';

const text = (column: string, isIndexed = false): TFilterField => ({
  kind: 'text',
  expr: sql.ref(`people.${column}`),
  isIndexed,
});
const jsonList = (column: string, path: string, normalize?: (v: string) => string): TFilterField => ({
  kind: 'jsonList',
  expr: sql`jsonb_path_query_array(${sql.ref(`people.${column}`)}, ${path}::jsonpath)`,
  normalize,
});

/** Every standard field a people filter or sort may name; expressions are fixed SQL. */
const STANDARD_FIELDS: Record<string, TFilterField> = {
  firstName: text('first_name'),
  lastName: text('last_name'),
  displayName: text('display_name_sort', true),
  emails: jsonList('emails', '$[*].email', (v) => v.toLowerCase()),
  phones: jsonList('phones', '$[*].number'),
  city: jsonList('addresses', '$[*].city ? (@ != null)'),
  country: jsonList('addresses', '$[*].country ? (@ != null)', (v) => v.toUpperCase()),
  gender: text('gender'),
  preferredLanguage: text('preferred_language'),
  preferredChannel: text('preferred_channel'),
  timezone: text('timezone'),
  jobTitle: text('job_title'),
  lifecycleStage: text('lifecycle_stage', true),
  leadSource: text('lead_source'),
  tags: { kind: 'textArray', expr: sql`people.tags` },
  interests: { kind: 'textArray', expr: sql`people.interests` },
  birthDate: { kind: 'date', expr: sql`people.birth_date` },
  ownerId: { kind: 'uuid', expr: sql`people.owner_id`, isIndexed: true },
  createdAt: { kind: 'datetime', expr: sql`people.created_at`, isIndexed: true },
  updatedAt: { kind: 'datetime', expr: sql`people.updated_at`, isIndexed: true },
};

function companyLink(workspaceId: string): TFilterField {
  // `id in (select … where company_id = …)`: plain `=` on the link table's btree index.
  const linked = (condition: RawBuilder<boolean>) =>
    sql<boolean>`(people.id in (select pc.person_id from person_companies pc where pc.workspace_id = ${workspaceId}::uuid and ${condition}))`;
  return {
    kind: 'link',
    expr: sql`people.id`,
    linkedToAny: (ids) => linked(sql<boolean>`pc.company_id = any(${ids}::uuid[])`),
    hasLinks: linked(sql<boolean>`true`),
  };
}

/** Standard fields, `companyIds`, and `customFields.<key>` for every custom field (archived ones too). */
export async function loadPeopleFields(trx: TTrx, workspaceId: string): Promise<TFieldLookup> {
  const definitions = await listFieldDefinitions(trx, workspaceId, {
    objectType: 'person',
    includeArchived: true,
  });
  const custom = new Map(
    definitions.map((d) => [
      `customFields.${d.key}`,
      toCustomFilterField(sql`people.custom_fields`, d, {
        workspaceId,
        recordType: 'person',
        idColumn: sql`people.id`,
      }),
    ]),
  );
  const link = companyLink(workspaceId);
  const extra = loadExtraFilterFields('person', workspaceId, sql`people.id`);
  return (name) => {
    if (name === 'companyIds') return link;
    if (Object.hasOwn(STANDARD_FIELDS, name)) return STANDARD_FIELDS[name];
    return custom.get(name) ?? extra.get(name);
  };
}
