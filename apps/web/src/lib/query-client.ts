import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api.ts';

export const ME_QUERY_KEY = ['me'] as const;

/** A lapsed session anywhere drops the cached user; the auth guard then sends the user to login. */
function handleUnauthenticated(error: unknown): void {
  if (isApiError(error) && error.status === 401 && error.code !== 'INVALID_CREDENTIALS') {
    queryClient.setQueryData(ME_QUERY_KEY, null);
  }
}

function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: handleUnauthenticated }),
  mutationCache: new MutationCache({ onError: handleUnauthenticated }),
  defaultOptions: {
    queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: true },
    mutations: { retry: false },
  },
});
