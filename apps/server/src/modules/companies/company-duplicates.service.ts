import type { TCompanyDuplicate, TCompanyDuplicateReason } from '@kap/shared';
import type { TTrx } from '../../db/tenant.ts';
import { assertCanRead, type TActor } from '../../lib/actor.ts';
import { notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { loadVisibleFieldKeys } from '../custom-fields/index.ts';
import { isVisible } from '../people/index.ts';
import { COMPANY_COLUMNS, selectCompany } from './companies.repository.ts';
import { findVisibleCompanyIds, toCompany } from './companies.service.ts';
import { selectDomainMatches, selectNameMatches } from './company-duplicates.repository.ts';

/** A shared domain nearly settles it; a similar name is a hint weighted by how similar. */
const DOMAIN_WEIGHT = 0.7;
const NAME_WEIGHT = 0.5;
const NAME_MIN_SCORE = 0.5;
const MAX_DUPLICATES = 20;

/** `GET /companies/{id}/duplicates`: companies sharing a domain or with a very similar name. */
export async function findCompanyDuplicates(
  trx: TTrx,
  actor: TActor,
  id: string,
): Promise<TCompanyDuplicate[]> {
  assertCanRead(actor, 'companies');
  const subject = isUuid(id) ? await selectCompany(trx, actor.workspaceId, id.toLowerCase()) : undefined;
  if (!subject || !isVisible(actor, subject.ownerId)) throw notFound('Company');
  const matches = new Map<string, { reasons: Set<TCompanyDuplicateReason>; score: number }>();
  const add = (matchId: string, reason: TCompanyDuplicateReason, weight: number) => {
    const match = matches.get(matchId) ?? { reasons: new Set(), score: 0 };
    match.reasons.add(reason);
    match.score += weight;
    matches.set(matchId, match);
  };
  for (const matchId of await selectDomainMatches(trx, actor.workspaceId, subject.id, subject.domains)) {
    add(matchId, 'domain', DOMAIN_WEIGHT);
  }
  for (const row of await selectNameMatches(trx, subject.id, subject.name, NAME_MIN_SCORE, MAX_DUPLICATES)) {
    add(row.companyId, 'name', NAME_WEIGHT * row.score);
  }
  if (matches.size === 0) return [];
  const visibleIds = [...(await findVisibleCompanyIds(trx, actor, [...matches.keys()]))];
  if (visibleIds.length === 0) return [];
  const rows = await trx
    .selectFrom('companies')
    .select(COMPANY_COLUMNS)
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', 'in', visibleIds)
    .execute();
  const fieldKeys = await loadVisibleFieldKeys(trx, actor.workspaceId, 'company', false);
  return rows
    .flatMap((row) => {
      const match = matches.get(row.id);
      if (!match) return [];
      const reasons = (['domain', 'name'] as const).filter((reason) => match.reasons.has(reason));
      const score = Math.min(1, Math.round(match.score * 1000) / 1000);
      return [{ company: toCompany(row, fieldKeys), reasons, score }];
    })
    .sort((a, b) => b.score - a.score || a.company.id.localeCompare(b.company.id))
    .slice(0, MAX_DUPLICATES);
}
