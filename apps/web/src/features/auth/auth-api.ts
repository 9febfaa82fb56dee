import type { TLocale, TMeResponse, TRole, TSignupRequest } from '@kap/shared';
import { apiRequest, isApiError } from '../../lib/api.ts';

export type TAuthStatus = { needsSetup: boolean; openSignup: boolean };
export type TInvitationPreview = { workspaceName: string; email: string; role: TRole; hasAccount: boolean };

export function getAuthStatus(): Promise<TAuthStatus> {
  return apiRequest<TAuthStatus>('/api/v1/auth/status');
}

/** The signed-in identity, or null when there is no valid session. */
export async function getMe(): Promise<TMeResponse | null> {
  try {
    return await apiRequest<TMeResponse>('/api/v1/me');
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export function signup(body: TSignupRequest): Promise<TMeResponse> {
  return apiRequest<TMeResponse>('/api/v1/auth/signup', { method: 'POST', body });
}

export function login(body: { email: string; password: string }): Promise<TMeResponse> {
  return apiRequest<TMeResponse>('/api/v1/auth/login', { method: 'POST', body });
}

export function logout(): Promise<void> {
  return apiRequest<void>('/api/v1/auth/logout', { method: 'POST' });
}

export function requestPasswordReset(body: { email: string }): Promise<{ ok: true }> {
  return apiRequest<{ ok: true }>('/api/v1/auth/password-reset', { method: 'POST', body });
}

export function confirmPasswordReset(body: { token: string; password: string }): Promise<{ ok: true }> {
  return apiRequest<{ ok: true }>('/api/v1/auth/password-reset/confirm', { method: 'POST', body });
}

export function previewInvitation(token: string): Promise<TInvitationPreview> {
  return apiRequest<TInvitationPreview>('/api/v1/invitations/preview', { query: { token } });
}

export function acceptInvitation(body: {
  token: string;
  name?: string;
  password: string;
}): Promise<TMeResponse> {
  return apiRequest<TMeResponse>('/api/v1/invitations/accept', { method: 'POST', body });
}

export function updateMe(body: { name?: string; locale?: TLocale }): Promise<TMeResponse> {
  return apiRequest<TMeResponse>('/api/v1/me', { method: 'PATCH', body });
}

export function switchWorkspace(workspaceId: string): Promise<TMeResponse> {
  return apiRequest<TMeResponse>('/api/v1/me/workspace', { method: 'POST', body: { workspaceId } });
}
