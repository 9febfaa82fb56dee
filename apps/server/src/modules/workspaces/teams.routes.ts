import { ZId, ZSaveTeamRequest, ZSetMemberTeamRequest, ZTeam } from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addRoute } from '../../lib/route.ts';
import { createTeam, deleteTeam, listTeams, renameTeam, setMemberTeam } from './teams.service.ts';

export function registerTeamRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/teams',
    summary: 'List the teams of the workspace and who is in each',
    tags: ['Members'],
    response: z.object({ data: z.array(ZTeam) }),
    handler: async ({ trx, actor }) => ({ data: await listTeams(trx, actor) }),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/teams',
    summary: 'Create a team',
    tags: ['Members'],
    body: ZSaveTeamRequest,
    status: 201,
    response: ZTeam,
    errors: [409],
    handler: ({ trx, actor, body }) => createTeam(trx, actor, body),
  });
  addRoute(app, {
    method: 'PATCH',
    url: '/api/v1/teams/:id',
    summary: 'Rename a team',
    tags: ['Members'],
    params: z.object({ id: ZId }),
    body: ZSaveTeamRequest,
    response: ZTeam,
    errors: [409],
    handler: ({ trx, actor, params, body }) => renameTeam(trx, actor, params.id, body),
  });
  addRoute(app, {
    method: 'DELETE',
    url: '/api/v1/teams/:id',
    summary: 'Delete a team (its members stay, without a team)',
    tags: ['Members'],
    params: z.object({ id: ZId }),
    status: 204,
    handler: ({ trx, actor, params }) => deleteTeam(trx, actor, params.id),
  });
  addRoute(app, {
    method: 'PUT',
    url: '/api/v1/members/:userId/team',
    summary: 'Put a member in a team (or none: teamId null)',
    tags: ['Members'],
    params: z.object({ userId: ZId }),
    body: ZSetMemberTeamRequest,
    status: 204,
    handler: ({ trx, actor, params, body }) => setMemberTeam(trx, actor, params.userId, body.teamId),
  });
}
