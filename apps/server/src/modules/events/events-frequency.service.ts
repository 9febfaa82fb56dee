import type { TEventFrequencyQuery } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { assertCanRead, type TActor } from '../../lib/actor.ts';
import { countByEventFrequency, personIdsByEventFrequency } from './events.repository.ts';

/**
 * How many people did `type` at least `minCount` times in the last `days` days (segments ask
 * exactly this). Counts people linked to their events; unlinked events count for nobody.
 */
export async function countPeopleByEventFrequency(
  trx: TTrx,
  actor: TActor,
  input: TEventFrequencyQuery,
): Promise<number> {
  assertCanRead(actor, 'events');
  return countByEventFrequency(trx, actor.workspaceId, input);
}

/** The same people as a subquery of `person_id`s, for a segment to embed in its own SQL. */
export function selectPersonIdsByEventFrequency(actor: TActor, input: TEventFrequencyQuery) {
  assertCanRead(actor, 'events');
  return personIdsByEventFrequency(actor.workspaceId, input);
}
