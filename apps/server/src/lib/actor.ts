import {
  canAccess,
  getRecordScope,
  hasCapability,
  type TApiKeyScope,
  type TCapability,
  type TObjectType,
  type TRecordScope,
  type TRole,
} from '@kap/shared';
import { forbidden } from './errors.ts';

/** Who is acting: a signed-in user or an API key, always inside one workspace. */
export type TActor = {
  type: 'user' | 'apiKey';
  /** The user, or for an API key the user who created it (its records' owner). */
  userId: string | null;
  apiKeyId: string | null;
  name: string;
  workspaceId: string;
  role: TRole;
  requestId: string | null;
  /** For a "team"-scope role: the members of the user's team (set when authenticating). */
  teammateIds?: readonly string[];
  /** An API key limited to these scopes may call only routes of one of them (none: no limit). */
  scopes?: readonly TApiKeyScope[];
};

/** A scoped API key reaches only routes declaring one of its scopes; everything else is a 403. */
export function assertScopeAllows(actor: TActor, routeScope: TApiKeyScope | undefined): void {
  if (!actor.scopes || actor.scopes.length === 0) return;
  if (routeScope && actor.scopes.includes(routeScope)) return;
  throw forbidden(`This API key is limited to ${actor.scopes.join(', ')}`);
}

export const actorId = (actor: TActor): string =>
  (actor.type === 'user' ? actor.userId : actor.apiKeyId) ?? '';

export function assertCanRead(actor: TActor, objectType: TObjectType): void {
  if (!canAccess(actor.role, objectType, 'read')) throw forbidden(`Your role cannot read ${objectType}`);
}

export function assertCanWrite(actor: TActor, objectType: TObjectType): void {
  if (!canAccess(actor.role, objectType, 'write')) throw forbidden(`Your role cannot change ${objectType}`);
}

export function assertCapability(actor: TActor, capability: TCapability): void {
  if (!hasCapability(actor.role, capability)) throw forbidden(`Your role does not allow ${capability}`);
}

export const recordScopeOf = (actor: TActor): TRecordScope => getRecordScope(actor.role);

/**
 * The owners whose records the actor may see: null means every record. "own" is the user alone;
 * "team" is the user's team (the user alone when not in a team, or when not resolved).
 */
export function visibleOwnerIdsOf(actor: TActor): readonly string[] | null {
  const scope = recordScopeOf(actor);
  if (scope === 'all') return null;
  if (scope === 'team' && actor.teammateIds) return actor.teammateIds;
  return actor.userId ? [actor.userId] : [];
}

export function isOwnerVisible(actor: TActor, ownerId: string | null): boolean {
  const owners = visibleOwnerIdsOf(actor);
  return owners === null || (ownerId !== null && owners.includes(ownerId));
}
