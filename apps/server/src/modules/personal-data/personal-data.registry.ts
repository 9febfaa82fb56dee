import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';

/** One kind of data Kap holds about a person, read in the actor's transaction and visibility. */
export type TPersonalDataLoader = (
  trx: TTrx,
  actor: TActor,
  personId: string,
) => AsyncIterable<Record<string, unknown>>;

export type TPersonalDataSource = {
  /** File names in the zip: `<name>.csv` and `<name>.json`. */
  name: string;
  load: TPersonalDataLoader;
  /** CSV columns in order; by default the first row's keys. */
  columns?: readonly string[] | undefined;
};

// Process-wide, like the timeline's sources: modules register from their index.ts, and this file
// imports nothing at run time, so it is ready before any module that registers is evaluated.
const sources = new Map<string, TPersonalDataSource>();

/**
 * Adds a kind of personal data to the GDPR export of a person (orders, events, tickets,
 * consents...): the exports module needs no edit for a new kind. Registering a name again
 * replaces the first.
 */
export function registerPersonalDataSource(
  name: string,
  load: TPersonalDataLoader,
  options: { columns?: readonly string[] } = {},
): void {
  if (!/^[a-z][a-zA-Z0-9-]{0,60}$/.test(name)) throw new Error(`Not a data source name: ${name}`);
  sources.set(name, { name, load, columns: options.columns });
}

export function listPersonalDataSources(): TPersonalDataSource[] {
  return [...sources.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Pages of a keyset-paginated list as one stream of rows (for loaders over list services). */
export async function* readAllPages<T>(
  loadPage: (cursor: string | undefined) => Promise<{ data: T[]; nextCursor: string | null }>,
): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  do {
    const page = await loadPage(cursor);
    yield* page.data;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
