import type { TMeResponse } from '@kap/shared';
import { useQuery } from '@tanstack/react-query';
import { ME_QUERY_KEY } from '../../lib/query-client.ts';
import { getAuthStatus, getMe } from './auth-api.ts';

export const AUTH_STATUS_QUERY_KEY = ['auth-status'] as const;

export function useMe() {
  return useQuery<TMeResponse | null>({ queryKey: ME_QUERY_KEY, queryFn: getMe, staleTime: 60_000 });
}

export function useAuthStatus() {
  return useQuery({ queryKey: AUTH_STATUS_QUERY_KEY, queryFn: getAuthStatus, staleTime: 60_000 });
}
