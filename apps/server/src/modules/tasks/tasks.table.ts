import type { TTaskStatus } from '@kap/shared';
import type { ColumnType, Generated } from 'kysely';

type TComputed<T> = ColumnType<T, never, never>;

export type TTasksTable = {
  workspaceId: string;
  id: string;
  title: string;
  description: string | null;
  dueAt: Date | null;
  dueSort: TComputed<Date>;
  timelineAt: TComputed<Date>;
  assigneeId: string | null;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  status: TTaskStatus;
  completedAt: Date | null;
  remindedAt: Date | null;
  ownerId: string | null;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  createdBy: string | null;
  createdByType: 'user' | 'apiKey' | 'system' | null;
  createdByName: string | null;
  updatedBy: string | null;
};

export type TTaskLinksTable = {
  workspaceId: string;
  taskId: string;
  recordType: string;
  recordId: string;
  timelineAt: Date;
};
