import { TASK_PRIORITIES, type TTask } from '@kap/shared';
import {
  Alert,
  Button,
  Card,
  Group,
  Select,
  Skeleton,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/error-message.ts';
import { createTask, listTasks, type TRecordKind } from './c360-api.ts';
import { TaskRow } from './tasks-list.tsx';

/** `<input type="datetime-local">` value → ISO with the browser's offset. */
export function localToIso(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function TasksPanel({ record, recordId }: { record: TRecordKind; recordId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [showDone, setShowDone] = useState(false);
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [priority, setPriority] = useState<TTask['priority']>('normal');
  const link = record === 'people' ? { personId: recordId } : { companyId: recordId };
  const query = useQuery({
    queryKey: ['tasks', 'record', record, recordId, showDone],
    queryFn: () => listTasks({ ...link, status: showDone ? 'open,inProgress,done' : 'open,inProgress' }),
  });
  const create = useMutation({
    mutationFn: () =>
      createTask({
        title: title.trim(),
        dueAt: localToIso(due),
        priority,
        ...(record === 'people' ? { personIds: [recordId] } : { companyIds: [recordId] }),
      }),
    onSuccess: () => {
      setTitle('');
      setDue('');
      setPriority('normal');
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      void queryClient.invalidateQueries({ queryKey: ['timeline', record, recordId] });
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: t('c360.tasks.addFailed'),
        message: describeError(error, t),
      }),
  });
  const tasks = query.data?.data ?? [];
  return (
    <Card data-testid="tasks-panel">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} fz="md">
            {t('c360.tasks.title')}
          </Title>
          <Switch
            size="xs"
            label={t('c360.tasks.showDone')}
            checked={showDone}
            onChange={(e) => setShowDone(e.currentTarget.checked)}
          />
        </Group>
        <Stack
          gap="xs"
          component="form"
          onSubmit={(event) => {
            event.preventDefault();
            if (title.trim()) create.mutate();
          }}
        >
          <TextInput
            size="sm"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            placeholder={t('c360.tasks.newPlaceholder')}
            aria-label={t('c360.tasks.newPlaceholder')}
            data-testid="task-title"
          />
          <Group gap="xs" wrap="wrap" align="flex-end">
            <TextInput
              size="xs"
              type="datetime-local"
              label={t('c360.tasks.due')}
              value={due}
              onChange={(e) => setDue(e.currentTarget.value)}
              data-testid="task-due-input"
              style={{ flex: '1 1 160px' }}
            />
            <Select
              size="xs"
              label={t('c360.tasks.priority')}
              value={priority}
              allowDeselect={false}
              onChange={(value) => value && setPriority(value as TTask['priority'])}
              data={TASK_PRIORITIES.map((p) => ({ value: p, label: t(`c360.priority.${p}`) }))}
              style={{ flex: '1 1 110px' }}
            />
            <Button
              type="submit"
              size="xs"
              leftSection={<IconPlus size={14} />}
              loading={create.isPending}
              disabled={!title.trim()}
              data-testid="task-add"
            >
              {t('c360.tasks.add')}
            </Button>
          </Group>
        </Stack>
        {query.isPending ? (
          <Skeleton h={60} />
        ) : query.isError ? (
          <Alert color="red">{describeError(query.error, t)}</Alert>
        ) : tasks.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="tasks-empty">
            {t('c360.tasks.empty')}
          </Text>
        ) : (
          <Stack gap="sm">
            {tasks.map((task) => (
              <TaskRow key={task.id} task={task} />
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
