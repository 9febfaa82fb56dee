import type { TObjectType, TSearchResult } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';

/**
 * A kind of record that global search finds. Its terms reach `search_terms` through triggers on
 * its table (see migration 0004); the source only turns found ids into results, reading its rows
 * through the normal row-level-security path and dropping those the actor may not see.
 */
export type TSearchSource = {
  type: string;
  /** Whose read permission the results need. */
  objectType: TObjectType;
  loadResults: (
    trx: TTrx,
    actor: TActor,
    ids: readonly string[],
  ) => Promise<Map<string, Omit<TSearchResult, 'type'>>>;
};

// Process-wide, like the timeline's registry: registering a type again replaces it.
const sources = new Map<string, TSearchSource>();

/** Makes a module's records searchable; the search module needs no edit for a new type. */
export function registerSearchSource(source: TSearchSource): void {
  sources.set(source.type, source);
}

export function findSearchSource(type: string): TSearchSource | undefined {
  return sources.get(type);
}

export function listSearchSources(): TSearchSource[] {
  return [...sources.values()];
}
