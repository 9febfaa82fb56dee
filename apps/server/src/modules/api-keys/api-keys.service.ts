import type { TApiKey, TApiKeyScope, TRole } from '@kap/shared';
import { canAccess, canAssignRole } from '@kap/shared';
import { type RawBuilder, sql } from 'kysely';
import type { TDb } from '../../db/pool.ts';
import type { TTrx } from '../../db/tenant.ts';
import { assertCapability, type TActor } from '../../lib/actor.ts';
import { hashToken, newToken } from '../../lib/crypto.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { selectMemberAccess } from '../workspaces/index.ts';

const KEY_PREFIX = 'kap_';
const COLUMNS = [
  'id',
  'name',
  'role',
  'scopes',
  'prefix',
  'createdBy',
  'createdAt',
  'lastUsedAt',
  'revokedAt',
] as const;

type TApiKeyRow = {
  id: string;
  name: string;
  role: TRole;
  scopes: TApiKeyScope[] | null;
  prefix: string;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

const toApiKey = (row: TApiKeyRow): TApiKey => ({
  ...row,
  scopes: row.scopes ?? [],
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

export async function listApiKeys(trx: TTrx, actor: TActor): Promise<TApiKey[]> {
  assertCapability(actor, 'apiKeys:manage');
  const rows = await trx
    .selectFrom('apiKeys')
    .select(COLUMNS)
    .where('workspaceId', '=', actor.workspaceId)
    .orderBy('createdAt', 'desc')
    .execute();
  return rows.map(toApiKey);
}

/** A scope only narrows a key: a key whose role could not do the scope's work would be useless. */
function assertRoleServesScopes(role: TRole, scopes: readonly TApiKeyScope[]): void {
  if (scopes.includes('events:write') && !canAccess(role, 'events', 'write')) {
    throw new AppError('VALIDATION_FAILED', `Invalid scopes: the ${role} role cannot write events`, [
      { path: 'scopes', message: `The ${role} role cannot write events; pick a role that can` },
    ]);
  }
}

/** The key is returned once; only its SHA-256 is stored. */
export async function createApiKey(
  trx: TTrx,
  actor: TActor,
  input: { name: string; role: TRole; scopes?: TApiKeyScope[] | undefined },
): Promise<TApiKey & { key: string }> {
  assertCapability(actor, 'apiKeys:manage');
  if (!canAssignRole(actor.role, input.role)) throw forbidden('Only an owner can create an owner key');
  const scopes = [...new Set(input.scopes ?? [])];
  assertRoleServesScopes(input.role, scopes);
  const key = `${KEY_PREFIX}${newToken(32)}`;
  const row = await trx
    .insertInto('apiKeys')
    .values({
      workspaceId: actor.workspaceId,
      id: newId(),
      name: input.name,
      role: input.role,
      scopes: scopes.length > 0 ? scopes : null,
      prefix: key.slice(0, 12),
      keyHash: hashToken(key),
      createdBy: actor.userId,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, {
    action: 'apiKey.create',
    recordType: 'apiKey',
    recordId: row.id,
    after: { name: row.name, role: row.role, scopes: row.scopes ?? [], prefix: row.prefix },
  });
  return { ...toApiKey(row), key };
}

export async function revokeApiKey(trx: TTrx, actor: TActor, id: string): Promise<void> {
  assertCapability(actor, 'apiKeys:manage');
  const row = await trx
    .updateTable('apiKeys')
    .set({ revokedAt: new Date() })
    .where('workspaceId', '=', actor.workspaceId)
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .returning(['name', 'role'])
    .executeTakeFirst();
  if (!row) throw notFound('API key');
  await recordAudit(trx, actor, {
    action: 'apiKey.revoke',
    recordType: 'apiKey',
    recordId: id,
    before: { name: row.name, role: row.role, revokedAt: null },
  });
}

/** Looks a bearer key up before any workspace is known, so through the system connection. */
/** An unrevoked key with its creator's teammates (for "team"-scope roles), in one round trip. */
/**
 * The unrevoked key with this hash and its creator's teammates, in one round trip. `keyHash` is a
 * parameter, or a literal when the select must be parameterless (see db/tenant.ts).
 */
export function selectActiveApiKey(db: TDb, keyHash: string | RawBuilder<string>) {
  const access = selectMemberAccess(sql.ref('api_keys.workspace_id'), sql.ref('api_keys.created_by'));
  return db
    .selectFrom('apiKeys')
    .select(['id', 'workspaceId', 'name', 'role', 'scopes', 'createdBy', 'lastUsedAt'])
    .select(access.teammateIds.as('teammateIds'))
    .where('keyHash', '=', keyHash)
    .where('revokedAt', 'is', null);
}

export type TActiveApiKey = NonNullable<
  Awaited<ReturnType<ReturnType<typeof selectActiveApiKey>['executeTakeFirst']>>
>;

export const isApiKey = (key: string) => key.startsWith(KEY_PREFIX);

/** Records when a key was used, at most once a minute. */
export async function touchApiKey(db: TDb, row: TActiveApiKey): Promise<void> {
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db
      .updateTable('apiKeys')
      .set({ lastUsedAt: new Date() })
      .where('workspaceId', '=', row.workspaceId)
      .where('id', '=', row.id)
      .execute();
  }
}

export async function findActiveApiKey(db: TDb, key: string) {
  if (!isApiKey(key)) return null;
  const row = await selectActiveApiKey(db, hashToken(key)).executeTakeFirst();
  if (!row) return null;
  await touchApiKey(db, row);
  return row;
}
