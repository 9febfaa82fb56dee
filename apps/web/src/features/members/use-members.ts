import type { TRole } from '@kap/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useFormat } from '../../lib/use-format.ts';
import {
  createInvitation,
  listInvitations,
  listMembers,
  removeMember,
  revokeInvitation,
  updateMemberRole,
} from './members-api.ts';

export const MEMBERS_KEY = ['members'] as const;
export const INVITATIONS_KEY = ['invitations'] as const;

/** Members sorted by name with the UI language's collation. */
export function useMembers(options: { enabled?: boolean } = {}) {
  const { compareText } = useFormat();
  const query = useQuery({ queryKey: MEMBERS_KEY, queryFn: listMembers, enabled: options.enabled ?? true });
  const members = useMemo(
    () => [...(query.data?.data ?? [])].sort((a, b) => compareText(a.name, b.name)),
    [query.data, compareText],
  );
  return { ...query, members };
}

export function useInvitations(options: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: INVITATIONS_KEY, queryFn: listInvitations, enabled: options.enabled ?? true });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: MEMBERS_KEY });
    void queryClient.invalidateQueries({ queryKey: INVITATIONS_KEY });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
}

export function useUpdateMemberRole() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: TRole }) => updateMemberRole(userId, role),
    onSettled: invalidate,
  });
}

export function useRemoveMember() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: removeMember, onSuccess: invalidate });
}

export function useCreateInvitation() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: createInvitation, onSuccess: invalidate });
}

export function useRevokeInvitation() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: revokeInvitation, onSuccess: invalidate });
}
