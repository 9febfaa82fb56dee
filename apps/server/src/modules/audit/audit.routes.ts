import { listResponse, ZAuditEntry, ZListAuditQuery } from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { addRoute } from '../../lib/route.ts';
import { listAuditEntries } from './audit.service.ts';

export function registerAuditRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/audit-log',
    summary: 'List audit entries, newest first (admins)',
    tags: ['Audit'],
    query: ZListAuditQuery,
    response: listResponse(ZAuditEntry),
    handler: ({ trx, actor, query }) => listAuditEntries(trx, actor, query),
  });
}
