import type { TTeam } from '@kap/shared';
import { apiRequest } from '../../lib/api.ts';

export function listTeams(): Promise<{ data: TTeam[] }> {
  return apiRequest<{ data: TTeam[] }>('/api/v1/teams');
}

export function createTeam(name: string): Promise<TTeam> {
  return apiRequest<TTeam>('/api/v1/teams', { method: 'POST', body: { name } });
}

export function renameTeam(id: string, name: string): Promise<TTeam> {
  return apiRequest<TTeam>(`/api/v1/teams/${encodeURIComponent(id)}`, { method: 'PATCH', body: { name } });
}

export function deleteTeam(id: string): Promise<void> {
  return apiRequest<void>(`/api/v1/teams/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function setMemberTeam(userId: string, teamId: string | null): Promise<void> {
  return apiRequest<void>(`/api/v1/members/${encodeURIComponent(userId)}/team`, {
    method: 'PUT',
    body: { teamId },
  });
}
