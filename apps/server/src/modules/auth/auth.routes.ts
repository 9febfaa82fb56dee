import {
  ZAcceptInvitationRequest,
  ZInvitationPreview,
  ZLoginRequest,
  ZMeResponse,
  ZOk,
  ZPasswordResetConfirm,
  ZPasswordResetRequest,
  ZSignupRequest,
  ZSwitchWorkspaceRequest,
  ZUpdateMeRequest,
} from '@kap/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { TActor } from '../../lib/actor.ts';
import { appUrlOf } from '../../lib/app-url.ts';
import { AppError } from '../../lib/errors.ts';
import { addAccountRoute, addPublicRoute } from '../../lib/route.ts';
import { acceptInvitation, findMembership, previewInvitation } from '../workspaces/index.ts';
import {
  confirmPasswordReset,
  findSwitchTargetRole,
  getMe,
  hasAnyWorkspace,
  logIn,
  requestPasswordReset,
  signUp,
  updateMe,
} from './accounts.service.ts';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from './authenticate.ts';
import { createSession, deleteSession, setSessionWorkspace } from './sessions.service.ts';

export function registerAuthRoutes(app: FastifyInstance): void {
  const { db, config } = app.kap;

  async function startSession(req: FastifyRequest, reply: FastifyReply, userId: string, workspaceId: string) {
    const token = await createSession(db, {
      userId,
      workspaceId,
      ttlMs: config.sessionTtlMs,
      ip: req.ip,
      userAgent: req.headers['user-agent'] ?? null,
    });
    setSessionCookie(req, reply, token, config.sessionTtlMs);
    const name = (
      await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirstOrThrow()
    ).name;
    const membership = await findMembership(db, workspaceId, userId);
    if (!membership) throw new AppError('FORBIDDEN', 'Not a member of this workspace');
    const actor: TActor = {
      type: 'user',
      userId,
      apiKeyId: null,
      name,
      workspaceId,
      role: membership.role,
      requestId: req.id,
    };
    return getMe(db, actor);
  }

  addPublicRoute(app, {
    method: 'GET',
    url: '/api/v1/auth/status',
    summary: 'Whether this install still needs its first sign-up, and whether sign-up is open',
    tags: ['Auth'],
    response: z.object({ needsSetup: z.boolean(), openSignup: z.boolean() }),
    handler: async () => ({ needsSetup: !(await hasAnyWorkspace(db)), openSignup: config.openSignup }),
  });
  addPublicRoute(app, {
    method: 'POST',
    url: '/api/v1/auth/signup',
    summary: 'Create a workspace and its owner (first sign-up, or any when sign-up is open)',
    tags: ['Auth'],
    body: ZSignupRequest,
    status: 201,
    response: ZMeResponse,
    errors: [409],
    handler: async ({ req, reply, body }) => {
      const { userId, workspaceId } = await signUp(db, body, config.openSignup);
      return startSession(req, reply, userId, workspaceId);
    },
  });
  addPublicRoute(app, {
    method: 'POST',
    url: '/api/v1/auth/login',
    summary: 'Sign in with email and password; sets the session cookie',
    tags: ['Auth'],
    body: ZLoginRequest,
    response: ZMeResponse,
    handler: async ({ req, reply, body }) => {
      const { userId, workspaceId } = await logIn(db, body, req.ip);
      return startSession(req, reply, userId, workspaceId);
    },
  });
  addPublicRoute(app, {
    method: 'POST',
    url: '/api/v1/auth/logout',
    summary: 'End the current session',
    tags: ['Auth'],
    status: 204,
    handler: async ({ req, reply }) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await deleteSession(db, token);
      clearSessionCookie(reply);
      return undefined;
    },
  });
  addPublicRoute(app, {
    method: 'POST',
    url: '/api/v1/auth/password-reset',
    summary: 'Mail a password-reset link (answers the same whether or not the account exists)',
    tags: ['Auth'],
    body: ZPasswordResetRequest,
    status: 202,
    response: ZOk,
    handler: async ({ req, body }) => {
      await requestPasswordReset(db, body.email, appUrlOf(req));
      return { ok: true as const };
    },
  });
  addPublicRoute(app, {
    method: 'POST',
    url: '/api/v1/auth/password-reset/confirm',
    summary: 'Set a new password with a reset token; ends all sessions of the account',
    tags: ['Auth'],
    body: ZPasswordResetConfirm,
    response: ZOk,
    handler: async ({ body }) => {
      await confirmPasswordReset(db, body.token, body.password);
      return { ok: true as const };
    },
  });
  addPublicRoute(app, {
    method: 'GET',
    url: '/api/v1/invitations/preview',
    summary: 'What an invitation token is for',
    tags: ['Members'],
    query: z.object({ token: z.string().min(20).max(200) }),
    response: ZInvitationPreview,
    handler: ({ query }) => previewInvitation(db, query.token),
  });
  addPublicRoute(app, {
    method: 'POST',
    url: '/api/v1/invitations/accept',
    summary: 'Accept an invitation (creating the account if needed); sets the session cookie',
    tags: ['Members'],
    body: ZAcceptInvitationRequest,
    response: ZMeResponse,
    handler: async ({ req, reply, body }) => {
      const { userId, workspaceId } = await acceptInvitation(db, body);
      return startSession(req, reply, userId, workspaceId);
    },
  });

  addAccountRoute(app, {
    method: 'GET',
    url: '/api/v1/me',
    summary: 'The signed-in user (or API key), the workspace and the role',
    tags: ['Auth'],
    response: ZMeResponse,
    handler: ({ actor }) => getMe(db, actor),
  });
  addAccountRoute(app, {
    method: 'PATCH',
    url: '/api/v1/me',
    summary: 'Change your name or interface language',
    tags: ['Auth'],
    body: ZUpdateMeRequest,
    response: ZMeResponse,
    handler: async ({ actor, body }) => {
      await updateMe(db, actor, body);
      return getMe(db, actor);
    },
  });
  addAccountRoute(app, {
    method: 'POST',
    url: '/api/v1/me/workspace',
    summary: 'Switch the session to another of your workspaces',
    tags: ['Auth'],
    body: ZSwitchWorkspaceRequest,
    response: ZMeResponse,
    handler: async ({ req, actor, body }) => {
      const role = await findSwitchTargetRole(db, actor, body.workspaceId);
      const token = req.cookies[SESSION_COOKIE];
      if (token) await setSessionWorkspace(db, token, body.workspaceId);
      return getMe(db, { ...actor, workspaceId: body.workspaceId, role });
    },
  });
}
