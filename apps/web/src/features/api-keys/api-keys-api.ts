import type { TApiKey, TApiKeyScope, TRole } from '@kap/shared';
import { apiRequest } from '../../lib/api.ts';

export type TCreatedApiKey = TApiKey & { key: string };

export function listApiKeys(): Promise<{ data: TApiKey[] }> {
  return apiRequest<{ data: TApiKey[] }>('/api/v1/api-keys');
}

export function createApiKey(body: {
  name: string;
  role: TRole;
  scopes?: TApiKeyScope[] | undefined;
}): Promise<TCreatedApiKey> {
  return apiRequest<TCreatedApiKey>('/api/v1/api-keys', { method: 'POST', body });
}

export function revokeApiKey(id: string): Promise<void> {
  return apiRequest<void>(`/api/v1/api-keys/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
