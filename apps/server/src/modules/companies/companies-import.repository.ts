import type { TExternalId, TPostalAddress } from '@kap/shared';
import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import {
  deleteRowsCreatedByMarker,
  selectRowsCreatedByMarkerChangedSince,
} from '../../lib/import-markers.ts';
import { replaceCompanyExternalIds } from './company-external-ids.repository.ts';

/**
 * Bulk writes of companies for imports (a companies file, or the company column of a people
 * file): one statement per batch. Search terms follow through the statement-level triggers.
 */

export type TImportedCompany = {
  id: string;
  name: string;
  domains: string[];
  industry: string | null;
  size: string | null;
  annualRevenue: string | null;
  currency: string | null;
  addresses: TPostalAddress[];
  ownerId: string | null;
  tags: string[];
  externalIds: TExternalId[];
  customFields: Record<string, unknown>;
};

export type TStoredCompany = TImportedCompany & { version: number; updatedBy: string | null };

const RECORD_COLUMNS = `id uuid, name text, domains text[], industry text, size text, annual_revenue numeric,
  currency text, addresses jsonb, owner_id uuid, tags text[], external_ids jsonb, custom_fields jsonb`;

const toRecord = (c: TImportedCompany) => ({
  id: c.id,
  name: c.name,
  domains: c.domains,
  industry: c.industry,
  size: c.size,
  annual_revenue: c.annualRevenue,
  currency: c.currency,
  addresses: c.addresses,
  owner_id: c.ownerId,
  tags: c.tags,
  // Before-images written before companies had external ids have none.
  external_ids: c.externalIds ?? [],
  custom_fields: c.customFields,
});

/** Companies named any of `names`, case-insensitively; the oldest wins when several share a name. */
export async function findCompaniesByNames(
  trx: TTrx,
  workspaceId: string,
  names: readonly string[],
): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const lowered = [...new Set(names.map((n) => n.toLowerCase()))];
  const result = await sql<{ key: string; id: string }>`
    select distinct on (lower(name)) lower(name) as key, id
      from companies
     where workspace_id = ${workspaceId} and lower(name) = any(${lowered}::text[])
     order by lower(name), created_at, id`.execute(trx);
  return new Map(result.rows.map((row) => [row.key, row.id]));
}

/** Companies having any of `domains`; a domain maps to the oldest company that has it. */
export async function findCompaniesByDomains(
  trx: TTrx,
  workspaceId: string,
  domains: readonly string[],
): Promise<Map<string, string>> {
  if (domains.length === 0) return new Map();
  const result = await sql<{ domain: string; id: string }>`
    select distinct on (d.domain) d.domain, c.id
      from companies c, unnest(c.domains) as d(domain)
     where c.workspace_id = ${workspaceId} and c.domains && ${[...new Set(domains)]}::text[]
       and d.domain = any(${[...new Set(domains)]}::text[])
     order by d.domain, c.created_at, c.id`.execute(trx);
  return new Map(result.rows.map((row) => [row.domain, row.id]));
}

export async function selectCompaniesForImport(
  trx: TTrx,
  workspaceId: string,
  ids: readonly string[],
): Promise<TStoredCompany[]> {
  if (ids.length === 0) return [];
  const result = await sql<TStoredCompany>`
    select id, name, domains, industry, size, annual_revenue::text as annual_revenue, currency, addresses, owner_id,
           tags, external_ids, custom_fields, version, updated_by
      from companies
     where workspace_id = ${workspaceId} and id = any(${ids}::uuid[])`.execute(trx);
  return result.rows;
}

export async function insertImportedCompanies(
  trx: TTrx,
  workspaceId: string,
  companies: readonly TImportedCompany[],
  marker: string,
): Promise<void> {
  if (companies.length === 0) return;
  await sql`
    insert into companies (workspace_id, id, name, domains, industry, size, annual_revenue, currency, addresses,
                           owner_id, tags, external_ids, custom_fields, created_by, updated_by)
    select ${workspaceId}, x.id, x.name, coalesce(x.domains, '{}'), x.industry, x.size, x.annual_revenue, x.currency,
           coalesce(x.addresses, '[]'), x.owner_id, coalesce(x.tags, '{}'), x.external_ids,
           coalesce(x.custom_fields, '{}'), ${marker}, ${marker}
      from json_to_recordset(${JSON.stringify(companies.map(toRecord))}::json) as x(${sql.raw(RECORD_COLUMNS)})`.execute(
    trx,
  );
  await replaceCompanyExternalIds(
    trx,
    workspaceId,
    companies.filter((c) => c.externalIds.length > 0),
  );
}

/**
 * Writes the merged values of existing companies and their external ids' lookup rows (undo
 * restores before-images through here too). Returns each company's new version.
 */
export async function updateImportedCompanies(
  trx: TTrx,
  workspaceId: string,
  companies: readonly TImportedCompany[],
  marker: string,
): Promise<Map<string, number>> {
  if (companies.length === 0) return new Map();
  const result = await sql<{ id: string; version: number }>`
    update companies c
       set name = x.name, domains = coalesce(x.domains, '{}'), industry = x.industry, size = x.size,
           annual_revenue = x.annual_revenue, currency = x.currency, addresses = coalesce(x.addresses, '[]'),
           owner_id = x.owner_id, tags = coalesce(x.tags, '{}'), external_ids = x.external_ids,
           custom_fields = coalesce(x.custom_fields, '{}'),
           version = c.version + 1, updated_at = now(), updated_by = ${marker}
      from json_to_recordset(${JSON.stringify(companies.map(toRecord))}::json) as x(${sql.raw(RECORD_COLUMNS)})
     where c.workspace_id = ${workspaceId} and c.id = x.id
    returning c.id, c.version`.execute(trx);
  await replaceCompanyExternalIds(
    trx,
    workspaceId,
    companies.map((c) => ({ id: c.id, externalIds: c.externalIds ?? [] })),
  );
  return new Map(result.rows.map((row) => [row.id, row.version]));
}

export async function selectImportedCompaniesChangedSince(
  trx: TTrx,
  workspaceId: string,
  marker: string,
  limit: number,
): Promise<string[]> {
  return selectRowsCreatedByMarkerChangedSince(trx, 'companies', workspaceId, marker, limit);
}

export async function deleteImportedCompanies(
  trx: TTrx,
  workspaceId: string,
  marker: string,
): Promise<number> {
  return deleteRowsCreatedByMarker(trx, 'companies', workspaceId, marker);
}
