import type { TTask } from '@kap/shared';
import { Badge, Checkbox, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/error-message.ts';
import { useFormat } from '../../lib/use-format.ts';
import { updateTask } from './c360-api.ts';

const PRIORITY_COLORS = { low: 'gray', normal: 'blue', high: 'orange', urgent: 'red' } as const;

export function useCompleteTask() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ task, isDone }: { task: TTask; isDone: boolean }) =>
      updateTask(task.id, task.version, { status: isDone ? 'done' : 'open' }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      void queryClient.invalidateQueries({ queryKey: ['timeline'] });
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: t('c360.tasks.updateFailed'),
        message: describeError(error, t),
      }),
  });
}

export function TaskRow({ task }: { task: TTask }) {
  const { t } = useTranslation();
  const { formatDateTime } = useFormat();
  const complete = useCompleteTask();
  const isDone = task.status === 'done';
  const isOverdue = !isDone && task.dueAt !== null && new Date(task.dueAt).getTime() < Date.now();
  return (
    <Group
      wrap="nowrap"
      align="flex-start"
      gap="sm"
      data-testid="task-row"
      data-task-id={task.id}
      data-status={task.status}
    >
      <Checkbox
        mt={2}
        checked={isDone}
        disabled={complete.isPending}
        onChange={(event) => complete.mutate({ task, isDone: event.currentTarget.checked })}
        aria-label={isDone ? t('c360.tasks.reopen') : t('c360.tasks.complete')}
        data-testid="task-complete"
      />
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Text
          size="sm"
          fw={500}
          td={isDone ? 'line-through' : undefined}
          c={isDone ? 'dimmed' : undefined}
          style={{ overflowWrap: 'anywhere' }}
        >
          {task.title}
        </Text>
        <Group gap={6}>
          {task.dueAt && (
            <Text size="xs" c={isOverdue ? 'red' : 'dimmed'} data-testid="task-due">
              {isOverdue
                ? t('c360.tasks.overdueSince', { date: formatDateTime(task.dueAt) })
                : t('c360.tasks.dueOn', { date: formatDateTime(task.dueAt) })}
            </Text>
          )}
          {task.priority !== 'normal' && (
            <Badge size="xs" variant="light" color={PRIORITY_COLORS[task.priority]}>
              {t(`c360.priority.${task.priority}`)}
            </Badge>
          )}
        </Group>
      </Stack>
    </Group>
  );
}
