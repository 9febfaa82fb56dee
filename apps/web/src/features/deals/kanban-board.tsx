import {
  DndContext,
  type DragEndEvent,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import type { TDeal, TPipeline, TStage } from '@kap/shared';
import { Badge, Card, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError, type TListResponse } from '../../lib/api.ts';
import { describeError } from '../../lib/error-message.ts';
import { getBoardSummary, listDeals, moveDeal } from './deals-api.ts';
import { LostReasonModal } from './lost-reason-modal.tsx';
import { useMoney } from './use-money.ts';

type TPendingMove = { deal: TDeal; stage: TStage };

function DealCard({ deal, canDrag }: { deal: TDeal; canDrag: boolean }) {
  const money = useMoney();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: deal.id,
    disabled: !canDrag,
  });
  const style = transform
    ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)`, zIndex: 10 }
    : undefined;
  return (
    <Card
      ref={setNodeRef}
      withBorder
      padding="xs"
      radius="sm"
      style={{
        ...style,
        opacity: isDragging ? 0.7 : 1,
        cursor: canDrag ? 'grab' : 'default',
        touchAction: 'none',
      }}
      data-testid={`deal-card-${deal.name}`}
      {...attributes}
      {...listeners}
    >
      <Text
        size="sm"
        fw={600}
        component={Link}
        to={`/deals/${deal.id}`}
        style={{ textDecoration: 'none', color: 'inherit' }}
      >
        {deal.name}
      </Text>
      <Group justify="space-between" gap={4} mt={4}>
        <Text size="sm">{money(deal.amount, deal.currency)}</Text>
        {deal.expectedCloseDate && (
          <Text size="xs" c="dimmed">
            {deal.expectedCloseDate}
          </Text>
        )}
      </Group>
    </Card>
  );
}

type TColumnTotals = { count: number; sums: { currency: string; amount: string; weighted: string }[] };

function StageColumn({
  stage,
  deals,
  totals,
  canDrag,
}: {
  stage: TStage;
  deals: TDeal[];
  totals: TColumnTotals;
  canDrag: boolean;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const { setNodeRef, isOver } = useDroppable({ id: stage.id });
  const color = stage.kind === 'won' ? 'teal' : stage.kind === 'lost' ? 'red' : 'blue';
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p="xs"
      radius="md"
      bg={isOver ? 'var(--mantine-color-blue-light)' : 'var(--mantine-color-gray-light)'}
      style={{ width: 260, flex: '0 0 260px', minHeight: 420 }}
      data-testid={`stage-column-${stage.name}`}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap={4} wrap="nowrap">
          <Text fw={700} size="sm" truncate>
            {stage.name}
          </Text>
          <Badge color={color} variant="light" size="sm">
            {stage.probability}%
          </Badge>
        </Group>
        <Stack gap={0} data-testid={`stage-totals-${stage.name}`}>
          <Text size="xs" c="dimmed" data-testid={`stage-count-${stage.name}`}>
            {t('deals.board.count', { count: totals.count })}
          </Text>
          {totals.sums.map((sum) => (
            <Text size="xs" key={sum.currency} data-testid={`stage-sum-${stage.name}-${sum.currency}`}>
              {money(sum.amount, sum.currency)}{' '}
              <Text span size="xs" c="dimmed">
                ({t('deals.board.weighted')} {money(sum.weighted, sum.currency)})
              </Text>
            </Text>
          ))}
        </Stack>
        {deals.map((deal) => (
          <DealCard key={deal.id} deal={deal} canDrag={canDrag} />
        ))}
      </Stack>
    </Paper>
  );
}

/**
 * One pipeline as columns of deals. A drop moves the card at once (optimistic), then asks the
 * server with the card's version (If-Match); a refusal puts it back and says why.
 */
export function KanbanBoard({ pipeline, canWrite }: { pipeline: TPipeline; canWrite: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const dealsKey = ['deals', 'board', pipeline.id];
  const summaryKey = ['deals', 'summary', pipeline.id];
  const deals = useQuery({
    queryKey: dealsKey,
    queryFn: () => listDeals({ pipelineId: pipeline.id, limit: 500 }),
  });
  const summary = useQuery({ queryKey: summaryKey, queryFn: () => getBoardSummary(pipeline.id) });
  const [pending, setPending] = useState<TPendingMove | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }));

  const mutation = useMutation({
    mutationFn: ({ deal, stage, lostReason }: TPendingMove & { lostReason?: string }) =>
      moveDeal(deal.id, deal.version, stage.id, lostReason),
    onMutate: async ({ deal, stage }) => {
      await queryClient.cancelQueries({ queryKey: dealsKey });
      const previous = queryClient.getQueryData<TListResponse<TDeal>>(dealsKey);
      queryClient.setQueryData<TListResponse<TDeal>>(dealsKey, (old) =>
        old
          ? { ...old, data: old.data.map((d) => (d.id === deal.id ? { ...d, stageId: stage.id } : d)) }
          : old,
      );
      return { previous };
    },
    onSuccess: (saved) => {
      queryClient.setQueryData<TListResponse<TDeal>>(dealsKey, (old) =>
        old ? { ...old, data: old.data.map((d) => (d.id === saved.id ? saved : d)) } : old,
      );
    },
    onError: (error, _vars, context) => {
      if (context?.previous) queryClient.setQueryData(dealsKey, context.previous);
      notifications.show({
        color: 'red',
        message: isApiError(error, 'PRECONDITION_FAILED') ? t('deals.board.stale') : describeError(error, t),
      });
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: summaryKey });
      void queryClient.invalidateQueries({ queryKey: ['deals', 'forecast'] });
    },
  });

  const byStage = useMemo(() => {
    const map = new Map<string, TDeal[]>();
    for (const deal of deals.data?.data ?? [])
      map.set(deal.stageId, [...(map.get(deal.stageId) ?? []), deal]);
    return map;
  }, [deals.data]);
  const totalsOf = (stageId: string): TColumnTotals => {
    const rows = (summary.data?.data ?? []).filter((row) => row.stageId === stageId);
    return { count: rows.reduce((n, row) => n + row.count, 0), sums: rows };
  };

  const onDragEnd = (event: DragEndEvent) => {
    const deal = deals.data?.data.find((d) => d.id === event.active.id);
    const stage = pipeline.stages.find((s) => s.id === event.over?.id);
    if (!deal || !stage || deal.stageId === stage.id) return;
    if (stage.kind === 'lost') setPending({ deal, stage });
    else mutation.mutate({ deal, stage });
  };

  if (deals.isError) return <Text c="red">{describeError(deals.error, t)}</Text>;
  return (
    <>
      <DndContext sensors={sensors} onDragEnd={onDragEnd}>
        <ScrollArea type="auto" offsetScrollbars>
          <Group align="flex-start" wrap="nowrap" gap="sm" data-testid="kanban-board">
            {pipeline.stages.map((stage) => (
              <StageColumn
                key={stage.id}
                stage={stage}
                deals={byStage.get(stage.id) ?? []}
                totals={totalsOf(stage.id)}
                canDrag={canWrite}
              />
            ))}
          </Group>
        </ScrollArea>
      </DndContext>
      <LostReasonModal
        opened={pending !== null}
        onCancel={() => setPending(null)}
        onConfirm={(lostReason) => {
          if (pending) mutation.mutate({ ...pending, lostReason });
          setPending(null);
        }}
      />
    </>
  );
}
