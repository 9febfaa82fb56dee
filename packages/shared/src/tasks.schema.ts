import { z } from 'zod';
import { ZRecordIds } from './activities.schema.ts';
import { ZListQuery } from './common.schema.ts';
import { csvOf } from './timeline.schema.ts';

export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TASK_STATUSES = ['open', 'inProgress', 'done', 'cancelled'] as const;
export type TTaskStatus = (typeof TASK_STATUSES)[number];
/** Statuses of work still to do: what "my tasks", "overdue" and "due today" show, and what is reminded. */
export const OPEN_TASK_STATUSES: readonly TTaskStatus[] = ['open', 'inProgress'];

export const TASK_VIEWS = ['mine', 'overdue', 'dueToday'] as const;

const taskFields = {
  title: z.string().trim().min(1).max(500),
  description: z.string().trim().max(20_000).nullable().optional(),
  dueAt: z.iso.datetime({ offset: true }).nullable().optional(),
  assigneeId: z.uuid().nullable().optional().describe('A member; default: you'),
  priority: z.enum(TASK_PRIORITIES).optional().describe('Default: normal'),
  status: z.enum(TASK_STATUSES).optional().describe('Default: open'),
  personIds: ZRecordIds.optional(),
  companyIds: ZRecordIds.optional(),
  dealIds: ZRecordIds.optional(),
};

export const ZCreateTaskRequest = z.object(taskFields);
export type TCreateTaskRequest = z.infer<typeof ZCreateTaskRequest>;

export const ZUpdateTaskRequest = z.object({ ...taskFields, title: taskFields.title.optional() });
export type TUpdateTaskRequest = z.infer<typeof ZUpdateTaskRequest>;

export const ZTask = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    dueAt: z.iso.datetime().nullable(),
    assigneeId: z.string().nullable(),
    priority: z.enum(TASK_PRIORITIES),
    status: z.enum(TASK_STATUSES),
    completedAt: z.iso.datetime().nullable().describe('Set when the status becomes done'),
    personIds: z.array(z.string()),
    companyIds: z.array(z.string()),
    dealIds: z.array(z.string()),
    ownerId: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    createdBy: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'Task' });
export type TTask = z.infer<typeof ZTask>;

/** IANA names only (Europe/Vilnius, Asia/Yerevan, UTC); the server checks that it knows the zone. */
export const ZTimeZone = z
  .string()
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_+/-]*$/, 'Not an IANA time zone name');

export const ZListTasksQuery = ZListQuery.extend({
  view: z
    .enum(TASK_VIEWS)
    .optional()
    .describe(
      'mine: open tasks assigned to you; overdue: open and past due; dueToday: open and due today in `tz`',
    ),
  tz: ZTimeZone.default('UTC').describe('Your time zone, for "today"'),
  status: csvOf(z.enum(TASK_STATUSES)).optional().describe('Comma-separated; overrides the view\'s "open"'),
  priority: csvOf(z.enum(TASK_PRIORITIES)).optional(),
  assigneeId: z.uuid().optional(),
  personId: z.uuid().optional(),
  companyId: z.uuid().optional(),
  dueFrom: z.iso.datetime({ offset: true }).optional().describe('Inclusive'),
  dueTo: z.iso.datetime({ offset: true }).optional().describe('Exclusive'),
  sort: z
    .enum(['dueAt', '-dueAt', 'createdAt', '-createdAt'])
    .default('dueAt')
    .describe('dueAt puts tasks without a due date last'),
});
export type TListTasksQuery = z.infer<typeof ZListTasksQuery>;
