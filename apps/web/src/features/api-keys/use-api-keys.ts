import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys-api.ts';

const API_KEYS_KEY = ['api-keys'] as const;

export function useApiKeys() {
  return useQuery({ queryKey: API_KEYS_KEY, queryFn: listApiKeys });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: API_KEYS_KEY });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
}

export function useCreateApiKey() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: createApiKey, onSuccess: invalidate });
}

export function useRevokeApiKey() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: revokeApiKey, onSuccess: invalidate });
}
