import { Button, Group, Loader, SegmentedControl, Select, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorState } from '../components/error-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { DealCreateModal } from '../features/deals/deal-create-modal.tsx';
import { listPipelines } from '../features/deals/deals-api.ts';
import { DealsTable } from '../features/deals/deals-table.tsx';
import { ForecastView } from '../features/deals/forecast-view.tsx';
import { KanbanBoard } from '../features/deals/kanban-board.tsx';

type TDealsView = 'board' | 'table' | 'forecast';

export function DealsPage() {
  const { t } = useTranslation();
  const { canWrite } = usePermissions();
  const [params, setParams] = useSearchParams();
  const [createOpened, create] = useDisclosure(false);
  const pipelines = useQuery({ queryKey: ['pipelines'], queryFn: listPipelines });
  const [view, setView] = useState<TDealsView>((params.get('view') as TDealsView | null) ?? 'board');
  const list = pipelines.data?.data ?? [];
  const pipeline =
    list.find((p) => p.id === params.get('pipeline')) ?? list.find((p) => p.isDefault) ?? list[0];

  return (
    <Stack>
      <PageHeader
        title={t('nav.deals')}
        actions={
          canWrite('deals') && pipeline ? (
            <Button leftSection={<IconPlus size={16} />} onClick={create.open} data-testid="deal-create">
              {t('deals.create.button')}
            </Button>
          ) : null
        }
      />
      {pipelines.isError && <ErrorState error={pipelines.error} onRetry={() => void pipelines.refetch()} />}
      {pipelines.isPending && <Loader />}
      {pipeline && (
        <>
          <Group gap="sm">
            <Select
              aria-label={t('deals.pipeline')}
              data={list.map((p) => ({ value: p.id, label: p.name }))}
              value={pipeline.id}
              onChange={(id) => id && setParams({ pipeline: id, view })}
              allowDeselect={false}
              w={240}
              data-testid="pipeline-switcher"
            />
            <SegmentedControl
              value={view}
              onChange={(value) => {
                setView(value as TDealsView);
                setParams({ pipeline: pipeline.id, view: value });
              }}
              data={[
                { value: 'board', label: t('deals.views.board') },
                { value: 'table', label: t('deals.views.table') },
                { value: 'forecast', label: t('deals.views.forecast') },
              ]}
              data-testid="deals-view-toggle"
            />
          </Group>
          {view === 'board' && (
            <KanbanBoard key={pipeline.id} pipeline={pipeline} canWrite={canWrite('deals')} />
          )}
          {view === 'table' && <DealsTable key={pipeline.id} pipeline={pipeline} />}
          {view === 'forecast' && <ForecastView pipelineId={pipeline.id} />}
          <DealCreateModal
            key={`create-${pipeline.id}`}
            opened={createOpened}
            onClose={create.close}
            pipeline={pipeline}
          />
        </>
      )}
    </Stack>
  );
}
