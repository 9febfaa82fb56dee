import { listRecordHistory } from '../audit/index.ts';
import type { TPersonalDataLoader } from '../personal-data/index.ts';

const PAGE = 500;

/** The person's change history (the audit entries about them), newest first. */
export const loadPersonChanges: TPersonalDataLoader = async function* (trx, actor, personId) {
  let before: { at: string; id: string } | undefined;
  while (true) {
    const entries = await listRecordHistory(
      trx,
      actor.workspaceId,
      { type: 'person', id: personId },
      { before, limit: PAGE },
    );
    for (const entry of entries) {
      yield {
        occurredAt: entry.occurredAt,
        action: entry.action,
        actorType: entry.actorType,
        actorName: entry.actorName,
        before: entry.before,
        after: entry.after,
      };
    }
    const last = entries.at(-1);
    if (!last || entries.length < PAGE) return;
    before = { at: last.occurredAt, id: last.id };
  }
};
