import type { TDeal } from '@kap/shared';
import {
  Badge,
  Button,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorState } from '../components/error-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { DealLineItemsCard } from '../features/deals/deal-line-items-card.tsx';
import { DealLinksCard } from '../features/deals/deal-links-card.tsx';
import { DealStageSelect } from '../features/deals/deal-stage-select.tsx';
import {
  getDeal,
  getDealTimeline,
  getStageHistory,
  listPipelines,
  updateDeal,
} from '../features/deals/deals-api.ts';
import { describeError } from '../lib/error-message.ts';
import { fieldErrorsOf } from '../lib/form-errors.ts';
import { useFormat } from '../lib/use-format.ts';
import { useMoney } from '../lib/use-money.ts';

function DealFieldsCard({ deal, canWrite }: { deal: TDeal; canWrite: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(deal.name);
  const [amount, setAmount] = useState(deal.amount);
  const [closeDate, setCloseDate] = useState(deal.expectedCloseDate ?? '');
  const [source, setSource] = useState(deal.source ?? '');
  const mutation = useMutation({
    mutationFn: () =>
      updateDeal(deal.id, deal.version, {
        name,
        amount,
        expectedCloseDate: closeDate || null,
        source: source || null,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['deal', deal.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['deal-timeline', deal.id] });
      notifications.show({ color: 'teal', message: t('deals.detail.saved') });
    },
    onError: (error) => notifications.show({ color: 'red', message: describeError(error, t) }),
  });
  const errors = fieldErrorsOf(mutation.error);
  return (
    <Card withBorder>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          mutation.mutate();
        }}
      >
        <Stack gap="xs">
          <Title order={3} fz="md">
            {t('deals.detail.fields')}
          </Title>
          <TextInput
            label={t('deals.fields.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            disabled={!canWrite}
          />
          <TextInput
            label={`${t('deals.fields.amount')} (${deal.currency})`}
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={errors.amount}
            disabled={!canWrite}
          />
          <TextInput
            type="date"
            label={t('deals.fields.expectedCloseDate')}
            value={closeDate}
            onChange={(e) => setCloseDate(e.currentTarget.value)}
            error={errors.expectedCloseDate}
            disabled={!canWrite}
          />
          <TextInput
            label={t('deals.fields.source')}
            value={source}
            onChange={(e) => setSource(e.currentTarget.value)}
            error={errors.source}
            disabled={!canWrite}
          />
          {canWrite && (
            <Group justify="flex-end">
              <Button type="submit" size="xs" loading={mutation.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Card>
  );
}

export function DealDetailPage() {
  const { t } = useTranslation();
  const { dealId = '' } = useParams();
  const money = useMoney();
  const { formatDateTime } = useFormat();
  const { canWrite } = usePermissions();
  const deal = useQuery({ queryKey: ['deal', dealId], queryFn: () => getDeal(dealId) });
  const pipelines = useQuery({ queryKey: ['pipelines'], queryFn: listPipelines });
  const history = useQuery({
    queryKey: ['deal-history', dealId, deal.data?.version],
    queryFn: () => getStageHistory(dealId),
  });
  const timeline = useQuery({
    queryKey: ['deal-timeline', dealId, deal.data?.version],
    queryFn: () => getDealTimeline(dealId),
  });
  if (deal.isError) return <ErrorState error={deal.error} onRetry={() => void deal.refetch()} />;
  if (!deal.data) return <Loader />;
  const d = deal.data;
  const stages = pipelines.data?.data.flatMap((p) => p.stages) ?? [];
  const pipeline = pipelines.data?.data.find((p) => p.id === d.pipelineId);
  const stageName = (id: string | null) => (id ? (stages.find((s) => s.id === id)?.name ?? '?') : '—');
  const statusColor = d.status === 'won' ? 'teal' : d.status === 'lost' ? 'red' : 'blue';
  return (
    <Stack>
      <PageHeader
        title={d.name}
        actions={
          pipeline ? <DealStageSelect deal={d} pipeline={pipeline} disabled={!canWrite('deals')} /> : null
        }
        description={
          <Group gap="xs" component="span">
            <Badge color={statusColor} variant="light" data-testid="deal-stage-badge">
              {stageName(d.stageId)} · {d.probability}%
            </Badge>
            <Text span size="sm">
              {money(d.amount, d.currency)} ({t('deals.board.weighted')} {money(d.weightedAmount, d.currency)}
              )
            </Text>
            {d.expectedCloseDate && (
              <Text span size="sm" c="dimmed">
                {t('deals.fields.expectedCloseDate')}: {d.expectedCloseDate}
              </Text>
            )}
            {d.lostReason && (
              <Text span size="sm" c="red">
                {t('deals.fields.lostReason')}: {d.lostReason}
              </Text>
            )}
          </Group>
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Stack>
          <DealLinksCard deal={d} />
          <DealFieldsCard key={d.version} deal={d} canWrite={canWrite('deals')} />
          <DealLineItemsCard key={`lines-${d.version}`} deal={d} canWrite={canWrite('deals')} />
          <Card withBorder data-testid="stage-history">
            <Title order={3} fz="md" mb="xs">
              {t('deals.detail.stageHistory')}
            </Title>
            <Timeline bulletSize={14} lineWidth={2}>
              {(history.data?.data ?? []).map((entry) => (
                <Timeline.Item
                  key={entry.id}
                  title={
                    entry.fromStageId
                      ? `${stageName(entry.fromStageId)} → ${stageName(entry.toStageId)}`
                      : t('deals.detail.createdIn', { stage: stageName(entry.toStageId) })
                  }
                >
                  <Text size="xs" c="dimmed">
                    {formatDateTime(entry.movedAt)} · {entry.movedBy.name ?? ''}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          </Card>
        </Stack>
        <Card withBorder>
          <Title order={3} fz="md" mb="xs">
            {t('deals.detail.timeline')}
          </Title>
          <Stack gap="xs">
            {(timeline.data?.data ?? [])
              // Stage moves have their own, readable items (stageMove); their audit twins would repeat them.
              .filter((item) => !(item.kind === 'change' && item.data.action === 'deal.move'))
              .map((item) => (
                <div key={`${item.kind}-${item.id}`}>
                  <Text size="sm" fw={600}>
                    {item.kind === 'stageMove' ? t('deals.detail.stageChanged') : item.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(item.occurredAt)}
                    {item.actor?.name ? ` · ${item.actor.name}` : ''}
                    {item.summary ? ` · ${item.summary}` : ''}
                  </Text>
                </div>
              ))}
          </Stack>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
