import { useInfiniteQuery } from '@tanstack/react-query';
import { listAuditLog, type TAuditFilters } from './audit-api.ts';

export function useAuditLog(filters: TAuditFilters, options: { enabled?: boolean; pageSize?: number } = {}) {
  return useInfiniteQuery({
    queryKey: ['audit', filters, options.pageSize ?? 50],
    queryFn: ({ pageParam, signal }) =>
      listAuditLog({ ...filters, cursor: pageParam, limit: options.pageSize, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    enabled: options.enabled ?? true,
  });
}
