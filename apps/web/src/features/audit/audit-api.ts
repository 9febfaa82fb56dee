import type { TAuditEntry } from '@kap/shared';
import { apiRequest, type TListResponse } from '../../lib/api.ts';

export type TAuditFilters = { recordType?: string; recordId?: string; actorId?: string; action?: string };

export function listAuditLog(
  filters: TAuditFilters & { cursor?: string; limit?: number; signal?: AbortSignal },
) {
  const { signal, ...query } = filters;
  return apiRequest<TListResponse<TAuditEntry>>('/api/v1/audit-log', {
    query: { limit: 50, ...query },
    signal,
  });
}
