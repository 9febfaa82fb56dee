import { ZCreateInvitationRequest, ZId, ZInvitation, ZMember, ZUpdateMemberRequest } from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appUrlOf } from '../../lib/app-url.ts';
import { addRoute } from '../../lib/route.ts';
import { createInvitation, listInvitations, revokeInvitation } from './invitations.service.ts';
import { listMembers, removeMember, updateMemberRole } from './members.service.ts';

export function registerWorkspaceRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/members',
    summary: 'List the members of the workspace',
    tags: ['Members'],
    response: z.object({ data: z.array(ZMember) }),
    handler: async ({ trx, actor }) => ({ data: await listMembers(trx, actor) }),
  });
  addRoute(app, {
    method: 'PATCH',
    url: '/api/v1/members/:userId',
    summary: "Change a member's role",
    tags: ['Members'],
    params: z.object({ userId: ZId }),
    body: ZUpdateMemberRequest,
    response: ZMember,
    handler: ({ trx, actor, params, body }) => updateMemberRole(trx, actor, params.userId, body.role),
  });
  addRoute(app, {
    method: 'DELETE',
    url: '/api/v1/members/:userId',
    summary: 'Remove a member from the workspace',
    tags: ['Members'],
    params: z.object({ userId: ZId }),
    status: 204,
    handler: ({ trx, actor, params }) => removeMember(trx, actor, params.userId),
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/invitations',
    summary: 'List open and accepted invitations',
    tags: ['Members'],
    response: z.object({ data: z.array(ZInvitation) }),
    handler: async ({ trx, actor }) => ({ data: await listInvitations(trx, actor) }),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/invitations',
    summary: 'Invite someone by email with a role',
    tags: ['Members'],
    body: ZCreateInvitationRequest,
    status: 201,
    response: ZInvitation,
    errors: [409],
    handler: ({ trx, actor, body, req }) => createInvitation(trx, actor, body, appUrlOf(req)),
  });
  addRoute(app, {
    method: 'DELETE',
    url: '/api/v1/invitations/:id',
    summary: 'Revoke an invitation',
    tags: ['Members'],
    params: z.object({ id: ZId }),
    status: 204,
    handler: ({ trx, actor, params }) => revokeInvitation(trx, actor, params.id),
  });
}
