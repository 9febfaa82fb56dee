import {
  canAccess,
  getRecordScope,
  hasCapability,
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
};

export const actorId = (actor: TActor): string => (actor.type === 'user' ? actor.userId : actor.apiKeyId) ?? '';

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
