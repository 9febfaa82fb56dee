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
import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError, type TListResponse } from '../../lib/api.ts';
import { describeError } from '../../lib/error-message.ts';
import { getBoardSummary, listDeals, moveDeal } from './deals-api.ts';
import { LostReasonModal } from './lost-reason-modal.tsx';
import { useMoney } from './use-money.ts';

type TPendingMove = { deal: TDeal; stage: TStage };

function DealCard({
  deal,
  canDrag,
  isJustDropped,
}: {
  deal: TDeal;
  canDrag: boolean;
  isJustDropped: () => boolean;
}) {
  const money = useMoney();
  const navigate = useNavigate();
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
      {/* Not an <a>: a drop re-renders the card in its new column, and the browser would then
          follow the detached link's click with a full page load. */}
      <Text
        size="sm"
        fw={600}
        role="link"
        tabIndex={0}
        style={{ cursor: 'pointer' }}
        onClick={() => {
          if (!isJustDropped()) void navigate(`/deals/${deal.id}`);
        }}
        onKeyDown={(event: KeyboardEvent) => {
          if (event.key === 'Enter') void navigate(`/deals/${deal.id}`);
        }}
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
  isJustDropped,
}: {
  stage: TStage;
  deals: TDeal[];
  totals: TColumnTotals;
  canDrag: boolean;
  isJustDropped: () => boolean;
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
      style={{ width: 228, flex: '0 0 228px', minHeight: 420 }}
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
          <DealCard key={deal.id} deal={deal} canDrag={canDrag} isJustDropped={isJustDropped} />
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
  // The click that ends a drag lands on the card's link: it must not open the deal. dnd-kit may
  // report the drop before or after that click, so both "dragging" and "dropped just now" count.
  const isDragging = useRef(false);
  const droppedAt = useRef(0);
  const isJustDropped = () => isDragging.current || Date.now() - droppedAt.current < 400;
  const endDrag = () => {
    isDragging.current = false;
    droppedAt.current = Date.now();
  };

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
    endDrag();
    const deal = deals.data?.data.find((d) => d.id === event.active.id);
    const stage = pipeline.stages.find((s) => s.id === event.over?.id);
    if (!deal || !stage || deal.stageId === stage.id) return;
    if (stage.kind === 'lost') setPending({ deal, stage });
    else mutation.mutate({ deal, stage });
  };

  if (deals.isError) return <Text c="red">{describeError(deals.error, t)}</Text>;
  return (
    <>
      <DndContext
        sensors={sensors}
        onDragStart={() => {
          isDragging.current = true;
        }}
        onDragCancel={endDrag}
        onDragEnd={onDragEnd}
      >
        <ScrollArea type="auto" offsetScrollbars>
          <Group align="flex-start" wrap="nowrap" gap="sm" data-testid="kanban-board">
            {pipeline.stages.map((stage) => (
              <StageColumn
                key={stage.id}
                stage={stage}
                deals={byStage.get(stage.id) ?? []}
                totals={totalsOf(stage.id)}
                canDrag={canWrite}
                isJustDropped={isJustDropped}
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
