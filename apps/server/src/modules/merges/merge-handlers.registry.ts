import type { TTrx } from '../../db/tenant.ts';
import type { TActor } from '../../lib/actor.ts';

/** Records of `recordType` with ids `fromIds` are being merged into `toId`. */
export type TMergeMove = { recordType: string; fromIds: readonly string[]; toId: string };

/**
 * Moves what a module keeps about the merged records to the survivor, inside the merge's
 * transaction (a throw undoes the whole merge). Answers how many things it moved.
 */
export type TMergeHandler = (trx: TTrx, actor: TActor, move: TMergeMove) => Promise<number>;

/** `'*'`: every record type (links keyed by record type and id, relation custom fields...). */
const ANY_TYPE = '*';

const handlers = new Map<string, Map<string, TMergeHandler>>();

/**
 * A module that keeps things pointing at people, companies or later record types (deals, orders,
 * tickets, consents, list memberships) registers its move once from its index.ts; merges then
 * reach it without the merge code naming it. `name` labels the count in the merge reply and
 * audit entry; registering a name again replaces the handler.
 */
export function registerMergeHandler(recordType: string, name: string, handler: TMergeHandler): void {
  const forType = handlers.get(recordType) ?? new Map<string, TMergeHandler>();
  forType.set(name, handler);
  handlers.set(recordType, forType);
}

/** Removes a handler: for tests that plug in a failing one. */
export function unregisterMergeHandler(recordType: string, name: string): void {
  handlers.get(recordType)?.delete(name);
}

/** Runs every handler for the type (specific ones, then the `'*'` ones), in registration order. */
export async function runMergeHandlers(
  trx: TTrx,
  actor: TActor,
  move: TMergeMove,
): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  const all = [...(handlers.get(move.recordType) ?? []), ...(handlers.get(ANY_TYPE) ?? [])];
  for (const [name, handler] of all) {
    moved[name] = (moved[name] ?? 0) + (await handler(trx, actor, move));
  }
  return moved;
}

export { ANY_TYPE as ANY_RECORD_TYPE };
