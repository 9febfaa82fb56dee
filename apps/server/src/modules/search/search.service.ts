import {
  canAccess,
  normalizePhoneNumber,
  type TSearchQuery,
  type TSearchResponse,
  type TSearchResult,
} from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { assertCanRead, type TActor, visibleOwnerIdsOf } from '../../lib/actor.ts';
import { AppError, forbidden } from '../../lib/errors.ts';
import { getDefaultCountry } from '../people/index.ts';
import { findSearchSource, listSearchSources, type TSearchSource } from './search.registry.ts';
import { selectSearchHits } from './search.repository.ts';

const PHONE_LIKE = /^[+\d\s().\-/]+$/;

/**
 * The digits a phone-like query should find inside stored numbers (digits of E.164), or ''.
 * A national number ("010 123456") is read with the workspace's default country when it parses;
 * otherwise its trunk zeros go, so it still matches inside the international form.
 */
export async function toPhoneDigits(trx: TTrx, workspaceId: string, query: string): Promise<string> {
  if (!PHONE_LIKE.test(query)) return '';
  const digits = query.replace(/\D/g, '');
  if (digits.length < 4) return '';
  if (!query.startsWith('+')) {
    const international = normalizePhoneNumber(query, await getDefaultCountry(trx, workspaceId));
    if (international) return international.slice(1);
  }
  return query.startsWith('+') ? digits : digits.replace(/^0+/, '');
}

function resolveSources(actor: TActor, types: readonly string[] | undefined): TSearchSource[] {
  if (types) {
    return [...new Set(types)].map((type, index) => {
      const source = findSearchSource(type);
      if (!source) {
        throw new AppError('VALIDATION_FAILED', `Invalid query.types: ${type} is not searchable`, [
          { path: `query.types.${index}`, message: 'Not a searchable record type' },
        ]);
      }
      assertCanRead(actor, source.objectType);
      return source;
    });
  }
  const readable = listSearchSources().filter((source) => canAccess(actor.role, source.objectType, 'read'));
  if (readable.length === 0) throw forbidden('Your role cannot read any searchable records');
  return readable;
}

/** Global search: ranked ids from the index function, then each type's visible rows. */
export async function searchRecords(trx: TTrx, actor: TActor, query: TSearchQuery): Promise<TSearchResponse> {
  const sources = resolveSources(actor, query.types);
  const ownerIds = visibleOwnerIdsOf(actor);
  // An "own"-scope key without a user owns nothing, so it finds nothing.
  if (ownerIds !== null && ownerIds.length === 0) return { data: [] };
  const hits = await selectSearchHits(trx, {
    query: query.q,
    digits: await toPhoneDigits(trx, actor.workspaceId, query.q),
    types: sources.map((source) => source.type),
    ownerIds,
    limit: query.limit,
  });
  const loaded = new Map<string, Map<string, Omit<TSearchResult, 'type'>>>();
  for (const source of sources) {
    const ids = hits.filter((hit) => hit.recordType === source.type).map((hit) => hit.recordId);
    if (ids.length > 0) loaded.set(source.type, await source.loadResults(trx, actor, ids));
  }
  // The function's order is the ranking; a hit whose row the actor cannot see is dropped.
  const data: TSearchResult[] = [];
  for (const hit of hits) {
    const item = loaded.get(hit.recordType)?.get(hit.recordId);
    if (item) data.push({ type: hit.recordType, ...item });
  }
  return { data };
}
