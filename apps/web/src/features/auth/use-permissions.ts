import {
  canAccess,
  canAssignRole,
  hasCapability,
  type TCapability,
  type TObjectType,
  type TRole,
} from '@kap/shared';
import { useMemo } from 'react';
import { useCurrentMe } from './me-context.ts';

/** What the current role may do — used only to hide controls; the server enforces it regardless. */
export function usePermissions() {
  const { role } = useCurrentMe();
  return useMemo(
    () => ({
      role,
      canRead: (objectType: TObjectType) => canAccess(role, objectType, 'read'),
      canWrite: (objectType: TObjectType) => canAccess(role, objectType, 'write'),
      has: (capability: TCapability) => hasCapability(role, capability),
      canAssign: (target: TRole) => canAssignRole(role, target),
    }),
    [role],
  );
}
