import type { TInvitation, TMember, TRole } from '@kap/shared';
import { apiRequest } from '../../lib/api.ts';

export function listMembers(): Promise<{ data: TMember[] }> {
  return apiRequest<{ data: TMember[] }>('/api/v1/members');
}

export function updateMemberRole(userId: string, role: TRole): Promise<TMember> {
  return apiRequest<TMember>(`/api/v1/members/${encodeURIComponent(userId)}`, {
    method: 'PATCH',
    body: { role },
  });
}

export function removeMember(userId: string): Promise<void> {
  return apiRequest<void>(`/api/v1/members/${encodeURIComponent(userId)}`, { method: 'DELETE' });
}

export function listInvitations(): Promise<{ data: TInvitation[] }> {
  return apiRequest<{ data: TInvitation[] }>('/api/v1/invitations');
}

export function createInvitation(body: { email: string; role: TRole }): Promise<TInvitation> {
  return apiRequest<TInvitation>('/api/v1/invitations', { method: 'POST', body });
}

export function revokeInvitation(id: string): Promise<void> {
  return apiRequest<void>(`/api/v1/invitations/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
