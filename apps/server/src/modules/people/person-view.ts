import type { TPerson } from '@kap/shared';
import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { isOwnerVisible, type TActor } from '../../lib/actor.ts';
import { loadVisibleFieldKeys, pickVisibleValues, visibleFieldKeysSql } from '../custom-fields/index.ts';
import type { TPersonRow } from './people.repository.ts';
import {
  NO_LINKS,
  selectCompanyLinksWith,
  type TCompanyLinks,
  toCompanyLinks,
} from './person-companies.repository.ts';

/** pg reads a `date` as local midnight; its local parts are the stored date. */
const toIsoDate = (date: Date) =>
  `${String(date.getFullYear()).padStart(4, '0')}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

export function toPerson(
  row: TPersonRow,
  links: TCompanyLinks,
  visibleFieldKeys: ReadonlySet<string>,
): TPerson {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    displayName: row.displayNameSort,
    emails: row.emails,
    phones: row.phones,
    addresses: row.addresses,
    birthDate: row.birthDate ? toIsoDate(row.birthDate) : null,
    gender: row.gender,
    preferredLanguage: row.preferredLanguage,
    preferredChannel: row.preferredChannel,
    timezone: row.timezone,
    jobTitle: row.jobTitle,
    companyIds: links.companyIds,
    primaryCompanyId: links.primaryCompanyId,
    ownerId: row.ownerId,
    lifecycleStage: row.lifecycleStage,
    leadSource: row.leadSource,
    tags: row.tags,
    interests: row.interests,
    preferences: row.preferences,
    externalIds: row.externalIds,
    customFields: pickVisibleValues(row.customFields, visibleFieldKeys),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
  };
}

/** The custom fields that responses about `rows` show; no query when the rows hold no values. */
export async function loadFieldKeysFor(
  trx: TTrx,
  workspaceId: string,
  rows: readonly TPersonRow[],
  includeArchivedFields = false,
): Promise<Set<string>> {
  const hasValues = rows.some((row) => Object.keys(row.customFields).length > 0);
  return hasValues
    ? loadVisibleFieldKeys(trx, workspaceId, 'person', includeArchivedFields)
    : new Set<string>();
}

/**
 * People rows as API records: their companies and the visible custom fields in one query (the
 * field keys only when the rows hold values).
 */
export async function toPeople(
  trx: TTrx,
  workspaceId: string,
  rows: TPersonRow[],
  includeArchivedFields = false,
): Promise<TPerson[]> {
  if (rows.length === 0) return [];
  const hasValues = rows.some((row) => Object.keys(row.customFields).length > 0);
  const { links, value: keys } = await selectCompanyLinksWith(
    trx,
    workspaceId,
    rows.map((row) => row.id),
    hasValues
      ? visibleFieldKeysSql(workspaceId, 'person', includeArchivedFields)
      : sql<string[]>`'{}'::text[]`,
  );
  const visibleKeys = new Set(keys);
  return rows.map((row) => toPerson(row, links.get(row.id) ?? NO_LINKS, visibleKeys));
}

/** Rows that brought their extras along (`recordExtrasSql`) as API records: no query. */
export function toPeopleFromRows(
  rows: readonly (TPersonRow & {
    companyLinks: readonly { companyId: string; isPrimary: boolean }[];
    visibleFieldKeys: readonly string[];
  })[],
): TPerson[] {
  const visibleKeys = new Set(rows[0]?.visibleFieldKeys ?? []);
  return rows.map((row) => toPerson(row, toCompanyLinks(row.companyLinks), visibleKeys));
}

/** The audited view of a person: the fields a user edits (custom fields with archived values). */
export const snapshotOf = (row: TPersonRow, links: TCompanyLinks) => {
  const {
    id: _id,
    version: _v,
    createdAt: _c,
    updatedAt: _u,
    createdBy: _cb,
    updatedBy: _ub,
    ...fields
  } = toPerson(row, links, new Set(Object.keys(row.customFields)));
  // The display name as chosen (null: computed), so a name change is not logged twice.
  return { ...fields, displayName: row.displayName };
};

/** "own"/"team" scope: a role that sees only some owners' records gets 404 for the rest, as if absent. */
export function isVisible(actor: TActor, ownerId: string | null): boolean {
  return isOwnerVisible(actor, ownerId);
}
