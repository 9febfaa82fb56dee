import { Alert, Card, SegmentedControl, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../components/page-header.tsx';
import { listTasks, type TTaskQuery } from '../features/c360/c360-api.ts';
import { TaskRow } from '../features/c360/tasks-list.tsx';
import { describeError } from '../lib/error-message.ts';

const VIEWS = ['mine', 'overdue', 'dueToday'] as const;
type TView = NonNullable<TTaskQuery['view']>;

export function TasksPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const raw = params.get('view');
  const view: TView = VIEWS.includes(raw as TView) ? (raw as TView) : 'mine';
  const query = useQuery({ queryKey: ['tasks', 'view', view], queryFn: () => listTasks({ view }) });
  const tasks = query.data?.data ?? [];
  return (
    <Stack gap="md" data-testid="tasks-page">
      <PageHeader title={t('c360.tasks.pageTitle')} description={t('c360.tasks.pageDescription')} />
      <SegmentedControl
        value={view}
        onChange={(v) => setParams({ view: v }, { replace: true })}
        data={VIEWS.map((v) => ({ value: v, label: t(`c360.tasks.view.${v}`) }))}
        style={{ alignSelf: 'flex-start' }}
        data-testid="tasks-view"
      />
      <Card>
        {query.isPending ? (
          <Stack gap="sm">
            <Skeleton h={36} />
            <Skeleton h={36} />
            <Skeleton h={36} />
          </Stack>
        ) : query.isError ? (
          <Alert color="red">{describeError(query.error, t)}</Alert>
        ) : tasks.length === 0 ? (
          <Text c="dimmed" ta="center" py="lg" data-testid="tasks-empty">
            {t(`c360.tasks.emptyView.${view}`)}
          </Text>
        ) : (
          <Stack gap="md">
            {tasks.map((task) => (
              <TaskRow key={task.id} task={task} />
            ))}
          </Stack>
        )}
      </Card>
    </Stack>
  );
}
