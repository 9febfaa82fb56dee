import type { TExternalId, TPostalAddress } from '@kap/shared';
import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import {
  deleteRowsCreatedByMarker,
  selectRowsCreatedByMarkerChangedSince,
} from '../../lib/import-markers.ts';
import type { TEmailValue, TPhoneValue, TPreferences } from './people.table.ts';
import { identifiersOf } from './person-input.ts';

/**
 * Bulk writes of people for imports: a batch of thousands of rows is a handful of statements
 * (`json_to_recordset` → insert/update … select), never a statement per row. The search terms
 * follow through the statement-level triggers; identifiers are written here in bulk.
 */

/** The fields an import sets; lists are already normalised (lowercase emails, E.164 phones). */
export type TImportedPerson = {
  id: string;
  firstName: string | null;
  lastName: string | null;
  displayName: string | null;
  emails: TEmailValue[];
  phones: TPhoneValue[];
  addresses: TPostalAddress[];
  birthDate: string | null;
  gender: string | null;
  preferredLanguage: string | null;
  preferredChannel: string | null;
  timezone: string | null;
  jobTitle: string | null;
  lifecycleStage: string | null;
  leadSource: string | null;
  tags: string[];
  interests: string[];
  preferences: TPreferences;
  externalIds: TExternalId[];
  customFields: Record<string, unknown>;
  ownerId: string | null;
};

export type TStoredPerson = TImportedPerson & { version: number; updatedBy: string | null };

const RECORD_COLUMNS = `id uuid, first_name text, last_name text, display_name text, emails jsonb, phones jsonb,
  addresses jsonb, birth_date date, gender text, preferred_language text, preferred_channel text, timezone text,
  job_title text, lifecycle_stage text, lead_source text, tags text[], interests text[], preferences jsonb,
  external_ids jsonb, custom_fields jsonb, owner_id uuid`;

function toRecord(p: TImportedPerson) {
  return {
    id: p.id,
    first_name: p.firstName,
    last_name: p.lastName,
    display_name: p.displayName,
    emails: p.emails,
    phones: p.phones,
    addresses: p.addresses,
    birth_date: p.birthDate,
    gender: p.gender,
    preferred_language: p.preferredLanguage,
    preferred_channel: p.preferredChannel,
    timezone: p.timezone,
    job_title: p.jobTitle,
    lifecycle_stage: p.lifecycleStage,
    lead_source: p.leadSource,
    tags: p.tags,
    interests: p.interests,
    preferences: p.preferences,
    external_ids: p.externalIds,
    custom_fields: p.customFields,
    owner_id: p.ownerId,
  };
}

export async function selectPeopleForImport(
  trx: TTrx,
  workspaceId: string,
  ids: readonly string[],
): Promise<TStoredPerson[]> {
  if (ids.length === 0) return [];
  const result = await sql<TStoredPerson & { birthDate: string | null }>`
    select id, first_name, last_name, display_name, emails, phones, addresses, birth_date::text as birth_date,
           gender, preferred_language, preferred_channel, timezone, job_title, lifecycle_stage, lead_source,
           tags, interests, preferences, external_ids, custom_fields, owner_id, version, updated_by
      from people
     where workspace_id = ${workspaceId} and id = any(${ids}::uuid[])`.execute(trx);
  return result.rows;
}

async function insertIdentifiers(
  trx: TTrx,
  workspaceId: string,
  people: readonly TImportedPerson[],
): Promise<void> {
  const kinds: string[] = [];
  const sources: string[] = [];
  const values: string[] = [];
  const personIds: string[] = [];
  for (const person of people) {
    for (const identifier of identifiersOf(person.emails, person.phones, person.externalIds)) {
      kinds.push(identifier.kind);
      sources.push(identifier.source);
      values.push(identifier.value);
      personIds.push(person.id);
    }
  }
  if (kinds.length === 0) return;
  await sql`
    insert into person_identifiers (workspace_id, kind, source, value, person_id)
    select ${workspaceId}, kind, source, value, person_id
      from unnest(${kinds}::text[], ${sources}::text[], ${values}::text[], ${personIds}::uuid[]) as t(kind, source, value, person_id)
    on conflict do nothing`.execute(trx);
}

/** Inserts a batch of new people, `marker` ('import:<id>') as their creator, with their identifiers. */
export async function insertImportedPeople(
  trx: TTrx,
  workspaceId: string,
  people: readonly TImportedPerson[],
  marker: string,
): Promise<void> {
  if (people.length === 0) return;
  await sql`
    insert into people (workspace_id, id, first_name, last_name, display_name, emails, phones, addresses, birth_date,
                        gender, preferred_language, preferred_channel, timezone, job_title, lifecycle_stage, lead_source,
                        tags, interests, preferences, external_ids, custom_fields, owner_id, created_by, updated_by)
    select ${workspaceId}, x.id, x.first_name, x.last_name, x.display_name, x.emails, x.phones, x.addresses, x.birth_date,
           x.gender, x.preferred_language, x.preferred_channel, x.timezone, x.job_title, x.lifecycle_stage, x.lead_source,
           coalesce(x.tags, '{}'), coalesce(x.interests, '{}'), x.preferences, x.external_ids, x.custom_fields, x.owner_id,
           ${marker}, ${marker}
      from json_to_recordset(${JSON.stringify(people.map(toRecord))}::json) as x(${sql.raw(RECORD_COLUMNS)})`.execute(
    trx,
  );
  await insertIdentifiers(trx, workspaceId, people);
}

/**
 * Writes the new values of existing people (the caller merged them: fill-empty or overwrite),
 * bumps their version and rewrites their identifiers. Returns each person's new version.
 */
export async function updateImportedPeople(
  trx: TTrx,
  workspaceId: string,
  people: readonly TImportedPerson[],
  marker: string,
): Promise<Map<string, number>> {
  if (people.length === 0) return new Map();
  const result = await sql<{ id: string; version: number }>`
    update people p
       set first_name = x.first_name, last_name = x.last_name, display_name = x.display_name, emails = x.emails,
           phones = x.phones, addresses = x.addresses, birth_date = x.birth_date, gender = x.gender,
           preferred_language = x.preferred_language, preferred_channel = x.preferred_channel, timezone = x.timezone,
           job_title = x.job_title, lifecycle_stage = x.lifecycle_stage, lead_source = x.lead_source,
           tags = coalesce(x.tags, '{}'), interests = coalesce(x.interests, '{}'), preferences = x.preferences,
           external_ids = x.external_ids, custom_fields = x.custom_fields, owner_id = x.owner_id,
           version = p.version + 1, updated_at = now(), updated_by = ${marker}
      from json_to_recordset(${JSON.stringify(people.map(toRecord))}::json) as x(${sql.raw(RECORD_COLUMNS)})
     where p.workspace_id = ${workspaceId} and p.id = x.id
    returning p.id, p.version`.execute(trx);
  const ids = people.map((p) => p.id);
  await sql`delete from person_identifiers where workspace_id = ${workspaceId} and person_id = any(${ids}::uuid[])`.execute(
    trx,
  );
  await insertIdentifiers(trx, workspaceId, people);
  return new Map(result.rows.map((row) => [row.id, row.version]));
}

/** Links people to companies; a person without a primary company gets this one as primary. */
export async function linkImportedPeopleToCompanies(
  trx: TTrx,
  workspaceId: string,
  links: readonly { personId: string; companyId: string }[],
): Promise<void> {
  if (links.length === 0) return;
  await sql`
    insert into person_companies (workspace_id, person_id, company_id, is_primary, position)
    select ${workspaceId}, l.person_id, l.company_id,
           not exists (select 1 from person_companies pc
                        where pc.workspace_id = ${workspaceId} and pc.person_id = l.person_id and pc.is_primary),
           coalesce((select max(pc.position) + 1 from person_companies pc
                      where pc.workspace_id = ${workspaceId} and pc.person_id = l.person_id), 0)
      from unnest(${links.map((l) => l.personId)}::uuid[], ${links.map((l) => l.companyId)}::uuid[]) as l(person_id, company_id)
    on conflict do nothing`.execute(trx);
}

/** People an import created that someone changed since (undo refuses to delete them). */
export async function selectImportedPeopleChangedSince(
  trx: TTrx,
  workspaceId: string,
  marker: string,
  limit: number,
): Promise<string[]> {
  return selectRowsCreatedByMarkerChangedSince(trx, 'people', workspaceId, marker, limit);
}

export async function deleteImportedPeople(trx: TTrx, workspaceId: string, marker: string): Promise<number> {
  return deleteRowsCreatedByMarker(trx, 'people', workspaceId, marker);
}

/** Puts people back as they were before an import, as a write by `actorId`. */
export async function restoreImportedPeople(
  trx: TTrx,
  workspaceId: string,
  people: readonly TImportedPerson[],
  actorId: string,
): Promise<void> {
  if (people.length === 0) return;
  await updateImportedPeople(trx, workspaceId, people, actorId);
}

/** The companies each of these people is linked to. */
export async function selectCompanyIdsOfPeople(
  trx: TTrx,
  workspaceId: string,
  personIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const links = new Map<string, Set<string>>();
  if (personIds.length === 0) return links;
  const result = await sql<{ personId: string; companyId: string }>`
    select person_id, company_id from person_companies
     where workspace_id = ${workspaceId} and person_id = any(${personIds}::uuid[])`.execute(trx);
  for (const row of result.rows) {
    const set = links.get(row.personId) ?? new Set<string>();
    set.add(row.companyId);
    links.set(row.personId, set);
  }
  return links;
}
