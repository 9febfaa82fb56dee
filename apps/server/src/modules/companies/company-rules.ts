import type { TCreateCompanyRequest, TErrorDetail, TUpdateCompanyRequest } from '@kap/shared';
import { sql } from 'kysely';
import type { TTrx } from '../../db/tenant.ts';
import { actorId, type TActor, visibleOwnerIdsOf } from '../../lib/actor.ts';
import { AppError } from '../../lib/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { isMember } from '../workspaces/index.ts';
import {
  selectAncestry,
  selectChildren,
  selectCompanyIds,
  type TCompanyRow,
} from './companies.repository.ts';

const invalid = (path: string, message: string, details: TErrorDetail[] = [{ path, message }]) =>
  new AppError('VALIDATION_FAILED', `Invalid ${path}: ${message}`, details);

export async function assertOwnerIsMember(
  trx: TTrx,
  actor: TActor,
  ownerId: string | null | undefined,
): Promise<void> {
  // A signed-in user's own membership was checked when the request was authenticated.
  if (!ownerId || (actor.type === 'user' && ownerId === actor.userId)) return;
  if (!(await isMember(trx, actor.workspaceId, ownerId)))
    throw invalid('ownerId', 'Not a member of this workspace');
}

/** An amount without its currency cannot be read, so revenue needs one (given now or stored). */
export function assertCurrency(
  input: TCreateCompanyRequest | TUpdateCompanyRequest,
  current: TCompanyRow | null,
): void {
  const revenue = input.annualRevenue !== undefined ? input.annualRevenue : current?.annualRevenue;
  const currency = input.currency !== undefined ? input.currency : current?.currency;
  if (revenue !== null && revenue !== undefined && !currency) {
    throw invalid('currency', 'Required with annualRevenue (ISO 4217, e.g. "EUR")');
  }
}

/** Serialises changes of the company tree in a workspace, so two moves cannot form a cycle together. */
async function lockCompanyTree(trx: TTrx, workspaceId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`company-tree:${workspaceId}`}, 0))`.execute(trx);
}

/**
 * The parent must be a company the actor can see, and never the company itself or one of its
 * subsidiaries (a cycle would make "all subsidiaries" endless).
 */
export async function assertParent(
  trx: TTrx,
  actor: TActor,
  companyId: string | null,
  parentId: string,
): Promise<void> {
  await lockCompanyTree(trx, actor.workspaceId);
  const [found] = await selectCompanyIds(trx, actor.workspaceId, [parentId], visibleOwnerIdsOf(actor));
  if (!found) throw invalid('parentCompanyId', 'No such company in this workspace');
  if (companyId && (await selectAncestry(trx, actor.workspaceId, parentId)).includes(companyId)) {
    throw invalid('parentCompanyId', 'A company cannot be its own parent or the parent of its parent');
  }
}

/** Before a company goes, its subsidiaries stand alone: each gets a new version and an audit entry. */
export async function detachChildren(trx: TTrx, actor: TActor, companyId: string): Promise<void> {
  const children = await selectChildren(trx, actor.workspaceId, companyId);
  if (children.length === 0) return;
  await trx
    .updateTable('companies')
    .set((eb) => ({
      parentCompanyId: null,
      version: eb('version', '+', 1),
      updatedAt: new Date(),
      updatedBy: actorId(actor),
    }))
    .where('workspaceId', '=', actor.workspaceId)
    .where('parentCompanyId', '=', companyId)
    .execute();
  for (const child of children) {
    await recordAudit(trx, actor, {
      action: 'company.update',
      recordType: 'company',
      recordId: child.id,
      before: { parentCompanyId: companyId },
      after: { parentCompanyId: null },
    });
  }
}
