import {
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import type { TBoardSummary, TDeal, TPipeline, TStage } from '@kap/shared';
import { Card, Group, ScrollArea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api.ts';
import { describeError } from '../../lib/error-message.ts';
import {
  boardKeys,
  movedTo,
  summaryAfterMove,
  type TColumnPages,
  withCardFirst,
  withCardReplaced,
  withoutCard,
} from './board-cache.ts';
import { getBoardSummary, moveDeal } from './deals-api.ts';
import { DealCardFace, StageColumn, type TColumnTotals } from './kanban-column.tsx';
import { LostReasonModal } from './lost-reason-modal.tsx';

type TPendingMove = { deal: TDeal; stage: TStage };

/**
 * One pipeline as columns of deals. Each column loads its own keyset pages; the counts and sums
 * in the headers come from the pipeline summary, so they are true however few cards are loaded.
 * A drop moves the card and the totals at once (optimistic), then asks the server with the card's
 * version (If-Match); a refusal puts both back and says why.
 */
export function KanbanBoard({ pipeline, canWrite }: { pipeline: TPipeline; canWrite: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const summaryKey = boardKeys.summary(pipeline.id);
  const columnKey = (stageId: string) => boardKeys.column(pipeline.id, stageId);
  const summary = useQuery({ queryKey: summaryKey, queryFn: () => getBoardSummary(pipeline.id) });
  const [pending, setPending] = useState<TPendingMove | null>(null);
  const [dragged, setDragged] = useState<TDeal | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }));
  // The click that ends a drag lands on the card: it must not open the deal. dnd-kit may report
  // the drop before or after that click, so both "dragging" and "dropped just now" count.
  const isDragging = useRef(false);
  const droppedAt = useRef(0);
  const isJustDropped = () => isDragging.current || Date.now() - droppedAt.current < 400;
  const endDrag = () => {
    isDragging.current = false;
    droppedAt.current = Date.now();
    setDragged(null);
  };

  const mutation = useMutation({
    mutationFn: ({ deal, stage, lostReason }: TPendingMove & { lostReason?: string }) =>
      moveDeal(deal.id, deal.version, stage.id, lostReason),
    onMutate: async ({ deal, stage }) => {
      const from = columnKey(deal.stageId);
      const to = columnKey(stage.id);
      await Promise.all([
        queryClient.cancelQueries({ queryKey: from, exact: true }),
        queryClient.cancelQueries({ queryKey: to, exact: true }),
        queryClient.cancelQueries({ queryKey: summaryKey }),
      ]);
      const previous = {
        from: queryClient.getQueryData<TColumnPages>(from),
        to: queryClient.getQueryData<TColumnPages>(to),
        summary: queryClient.getQueryData<TBoardSummary>(summaryKey),
      };
      const moved = movedTo(deal, stage);
      queryClient.setQueryData<TColumnPages>(from, (old) => withoutCard(old, deal.id));
      queryClient.setQueryData<TColumnPages>(to, (old) => withCardFirst(old, moved));
      queryClient.setQueryData<TBoardSummary>(summaryKey, (old) => summaryAfterMove(old, deal, moved));
      return { previous, from, to };
    },
    onSuccess: (saved, _vars, context) => {
      queryClient.setQueryData<TColumnPages>(context.to, (old) => withCardReplaced(old, saved));
    },
    onError: (error, _vars, context) => {
      if (context) {
        queryClient.setQueryData(context.from, context.previous.from);
        queryClient.setQueryData(context.to, context.previous.to);
        queryClient.setQueryData(summaryKey, context.previous.summary);
      }
      notifications.show({
        color: 'red',
        message: isApiError(error, 'PRECONDITION_FAILED') ? t('deals.board.stale') : describeError(error, t),
      });
      // A stale card: its column is read again so the next drag carries the current version.
      if (context && isApiError(error, 'PRECONDITION_FAILED'))
        void queryClient.invalidateQueries({ queryKey: context.from, exact: true });
    },
    onSettled: () => {
      // The loaded cards stay (a refetch would drop every page past the first); the totals are
      // read again, so other people's moves show up in the counts too.
      void queryClient.invalidateQueries({ queryKey: summaryKey });
      void queryClient.invalidateQueries({ queryKey: ['deals', 'forecast'] });
    },
  });

  const totalsOf = (stageId: string): TColumnTotals => {
    const rows = (summary.data?.data ?? []).filter((row) => row.stageId === stageId);
    return { count: rows.reduce((n, row) => n + row.count, 0), sums: rows };
  };

  const onDragStart = (event: DragStartEvent) => {
    isDragging.current = true;
    setDragged((event.active.data.current?.deal as TDeal | undefined) ?? null);
  };
  const onDragEnd = (event: DragEndEvent) => {
    endDrag();
    const deal = event.active.data.current?.deal as TDeal | undefined;
    const stage = pipeline.stages.find((s) => s.id === event.over?.id);
    if (!deal || !stage || deal.stageId === stage.id) return;
    if (stage.kind === 'lost') setPending({ deal, stage });
    else mutation.mutate({ deal, stage });
  };

  return (
    <>
      <DndContext sensors={sensors} onDragStart={onDragStart} onDragCancel={endDrag} onDragEnd={onDragEnd}>
        <ScrollArea type="auto" offsetScrollbars>
          <Group align="flex-start" wrap="nowrap" gap="sm" data-testid="kanban-board">
            {pipeline.stages.map((stage) => (
              <StageColumn
                key={stage.id}
                pipelineId={pipeline.id}
                stage={stage}
                totals={totalsOf(stage.id)}
                canDrag={canWrite}
                isJustDropped={isJustDropped}
              />
            ))}
          </Group>
        </ScrollArea>
        {/* The dragged card is drawn above the board: columns scroll, and would clip it. */}
        <DragOverlay dropAnimation={null}>
          {dragged ? (
            <Card withBorder padding="xs" radius="sm" shadow="md" style={{ width: 204, cursor: 'grabbing' }}>
              <DealCardFace deal={dragged} />
            </Card>
          ) : null}
        </DragOverlay>
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
