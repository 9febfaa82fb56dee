import type { TDb } from '../../db/pool.ts';
import { withWorkspace } from '../../db/tenant.ts';
import { resolvePersonIdentifiers, type TPersonIdentifier } from '../people/index.ts';
import {
  linkPendingEvents,
  SELECT_WORKSPACES_WITH_PENDING,
  selectAnonymousIdentities,
  selectPendingKeys,
} from './events.repository.ts';

const PAGE = 1000;

/** 'email:a@b.c' → the identifier; 'anon:…' and anything unknown → null. */
function parseIdentifierKey(key: string): TPersonIdentifier | null {
  if (key.startsWith('email:')) return { kind: 'email', source: '', value: key.slice(6) };
  if (key.startsWith('phone:')) return { kind: 'phone', source: '', value: key.slice(6) };
  if (key.startsWith('externalId:')) {
    const rest = key.slice(11);
    const colon = rest.indexOf(':');
    return colon > 0
      ? { kind: 'externalId', source: rest.slice(0, colon), value: rest.slice(colon + 1) }
      : null;
  }
  return null;
}

/**
 * Links unlinked events whose customer Kap knows by now: people created after their events (by
 * hand, an import), and the rare anonymous event stored while another batch was linking its
 * visitor. Ingestion links most of them at once; this catches the rest (hourly).
 */
export async function linkWaitingEvents(db: TDb): Promise<number> {
  const workspaces = (await SELECT_WORKSPACES_WITH_PENDING.execute(db)).rows;
  let linked = 0;
  for (const { workspaceId } of workspaces) {
    let after = '';
    for (;;) {
      const done = await withWorkspace(db, workspaceId, async (trx) => {
        const keys = await selectPendingKeys(trx, workspaceId, after, PAGE);
        if (keys.length === 0) return null;
        const anonymous = await selectAnonymousIdentities(
          trx,
          workspaceId,
          keys.filter((key) => key.startsWith('anon:')).map((key) => key.slice(5)),
        );
        const identifiers = keys.map(parseIdentifierKey).filter((i): i is TPersonIdentifier => i !== null);
        const people = await resolvePersonIdentifiers(trx, workspaceId, identifiers);
        const links = new Map<string, string>();
        for (const [anonymousId, personId] of anonymous) links.set(`anon:${anonymousId}`, personId);
        for (const row of people) {
          const key =
            row.kind === 'externalId' ? `externalId:${row.source}:${row.value}` : `${row.kind}:${row.value}`;
          const known = links.get(key);
          if (!known || row.personId < known) links.set(key, row.personId);
        }
        linked += await linkPendingEvents(
          trx,
          workspaceId,
          [...links].map(([key, personId]) => ({ key, personId })),
        );
        return keys.at(-1) ?? null;
      });
      if (done === null || done === undefined) break;
      after = done;
    }
  }
  return linked;
}
