import { listResponse, ZCreateTaskRequest, ZListTasksQuery, ZTask, ZUpdateTaskRequest } from '@kap/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readIfMatch } from '../../lib/if-match.ts';
import { addRoute } from '../../lib/route.ts';
import { registerTimelineSource } from '../timeline/index.ts';
import { createTask, deleteTask, getTask, listTasks, updateTask } from './tasks.service.ts';
import { taskTimelineSource } from './tasks.timeline.ts';

const ZTaskParams = z.object({ id: z.string().max(100) });

export function registerTaskRoutes(app: FastifyInstance): void {
  registerTimelineSource(taskTimelineSource);
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/tasks',
    summary: 'List tasks (keyset-paginated); views: mine, overdue, dueToday (in `tz`)',
    tags: ['Tasks'],
    query: ZListTasksQuery,
    response: listResponse(ZTask),
    handler: ({ trx, actor, query }) => listTasks(trx, actor, query),
  });
  addRoute(app, {
    method: 'POST',
    url: '/api/v1/tasks',
    summary: 'Create a task; its assignee is reminded in the app at the due time',
    tags: ['Tasks'],
    body: ZCreateTaskRequest,
    status: 201,
    response: ZTask,
    handler: async ({ trx, actor, body, reply }) => {
      const task = await createTask(trx, actor, body);
      reply.header('etag', `"${task.version}"`).header('location', `/api/v1/tasks/${task.id}`);
      return task;
    },
  });
  addRoute(app, {
    method: 'GET',
    url: '/api/v1/tasks/:id',
    summary: 'Get a task',
    tags: ['Tasks'],
    params: ZTaskParams,
    response: ZTask,
    handler: async ({ trx, actor, params, reply }) => {
      const task = await getTask(trx, actor, params.id);
      reply.header('etag', `"${task.version}"`);
      return task;
    },
  });
  addRoute(app, {
    method: 'PATCH',
    url: '/api/v1/tasks/:id',
    summary: 'Change a task (status done stamps completedAt); If-Match refuses stale writes (412)',
    tags: ['Tasks'],
    params: ZTaskParams,
    body: ZUpdateTaskRequest,
    response: ZTask,
    errors: [412],
    handler: async ({ trx, actor, params, body, req, reply }) => {
      const task = await updateTask(trx, actor, params.id, body, readIfMatch(req));
      reply.header('etag', `"${task.version}"`);
      return task;
    },
  });
  addRoute(app, {
    method: 'DELETE',
    url: '/api/v1/tasks/:id',
    summary: 'Delete a task',
    tags: ['Tasks'],
    params: ZTaskParams,
    status: 204,
    errors: [412],
    handler: ({ trx, actor, params, req }) => deleteTask(trx, actor, params.id, readIfMatch(req)),
  });
}
