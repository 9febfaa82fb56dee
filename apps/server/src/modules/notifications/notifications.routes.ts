import { listResponse, ZListNotificationsQuery, ZNotification } from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addRoute } from '../../lib/route.ts';
import { listNotifications, markNotificationRead } from './notifications.service.ts';

export function registerNotificationRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/notifications',
    summary: 'Your in-app notifications (task reminders...), unread first, newest first',
    tags: ['Notifications'],
    query: ZListNotificationsQuery,
    response: listResponse(ZNotification),
    handler: ({ trx, actor, query }) => listNotifications(trx, actor, query),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/notifications/:id/read',
    summary: 'Mark one of your notifications read (again is fine)',
    tags: ['Notifications'],
    params: z.object({ id: z.string().max(100) }),
    response: ZNotification,
    handler: ({ trx, actor, params }) => markNotificationRead(trx, actor, params.id),
  });
}
