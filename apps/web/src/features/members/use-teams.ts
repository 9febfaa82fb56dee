import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createTeam, deleteTeam, listTeams, renameTeam, setMemberTeam } from './teams-api.ts';
import { MEMBERS_KEY } from './use-members.ts';

export const TEAMS_KEY = ['teams'] as const;

export function useTeams() {
  return useQuery({ queryKey: TEAMS_KEY, queryFn: listTeams });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: TEAMS_KEY });
    void queryClient.invalidateQueries({ queryKey: MEMBERS_KEY });
  };
}

export function useCreateTeam() {
  return useMutation({ mutationFn: createTeam, onSuccess: useInvalidate() });
}

export function useRenameTeam() {
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) => renameTeam(id, name),
    onSuccess: useInvalidate(),
  });
}

export function useDeleteTeam() {
  return useMutation({ mutationFn: deleteTeam, onSuccess: useInvalidate() });
}

export function useSetMemberTeam() {
  return useMutation({
    mutationFn: ({ userId, teamId }: { userId: string; teamId: string | null }) =>
      setMemberTeam(userId, teamId),
    onSuccess: useInvalidate(),
  });
}
