import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addRoute } from '../../lib/route.ts';
import { listOutbox } from './mail.service.ts';

const ZOutboxMail = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
});

export function registerMailRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/outbox',
    summary: "The workspace's outgoing mail (invitations), newest first",
    tags: ['Settings'],
    response: z.object({ data: z.array(ZOutboxMail) }),
    handler: ({ trx, actor }) => listOutbox(trx, actor),
  });
}
