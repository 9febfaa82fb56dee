import { useDraggable, useDroppable } from '@dnd-kit/core';
import type { TDeal, TStage } from '@kap/shared';
import { Badge, Button, Card, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { describeError } from '../../lib/error-message.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useMoney } from '../../lib/use-money.ts';
import { boardKeys, cardsOf } from './board-cache.ts';
import { listDeals } from './deals-api.ts';

/** Cards per keyset page of a column: the first load and each "load more". */
export const COLUMN_PAGE_SIZE = 50;

export type TColumnTotals = {
  count: number;
  sums: { currency: string; amount: string; weighted: string }[];
};

/** A card's face: also what the drag overlay shows under the pointer. */
export function DealCardFace({ deal }: { deal: TDeal }) {
  const money = useMoney();
  return (
    <>
      <Text size="sm" fw={600}>
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
    </>
  );
}

function DealCard({
  deal,
  canDrag,
  isJustDropped,
}: {
  deal: TDeal;
  canDrag: boolean;
  isJustDropped: () => boolean;
}) {
  const navigate = useNavigate();
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: deal.id,
    data: { deal },
    disabled: !canDrag,
  });
  const open = () => void navigate(`/deals/${deal.id}`);
  return (
    <Card
      ref={setNodeRef}
      withBorder
      padding="xs"
      radius="sm"
      style={{ opacity: isDragging ? 0.4 : 1, cursor: canDrag ? 'grab' : 'default', touchAction: 'none' }}
      data-testid={`deal-card-${deal.name}`}
      {...attributes}
      {...listeners}
      // Not an <a>: a drop re-renders the card in its new column, and the browser would then
      // follow the detached link's click with a full page load.
      role="link"
      tabIndex={0}
      onClick={() => {
        if (!isJustDropped()) open();
      }}
      onKeyDown={(event: KeyboardEvent) => {
        if (event.key === 'Enter') open();
      }}
    >
      <DealCardFace deal={deal} />
    </Card>
  );
}

/**
 * One stage: its true count and totals (from the pipeline summary) above the cards loaded so far,
 * newest change first, a keyset page at a time; scrolling to the end of the column (or the button
 * there) loads the next page.
 */
export function StageColumn({
  pipelineId,
  stage,
  totals,
  canDrag,
  isJustDropped,
}: {
  pipelineId: string;
  stage: TStage;
  totals: TColumnTotals;
  canDrag: boolean;
  isJustDropped: () => boolean;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const { formatNumber } = useFormat();
  const { setNodeRef, isOver } = useDroppable({ id: stage.id });
  const column = useInfiniteQuery({
    queryKey: boardKeys.column(pipelineId, stage.id),
    queryFn: ({ pageParam, signal }) =>
      listDeals(
        { pipelineId, stageId: stage.id, sort: '-updatedAt', limit: COLUMN_PAGE_SIZE, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const cards = cardsOf(column.data);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = column;
  const scrollRef = useRef<HTMLDivElement>(null);
  const endRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const end = endRef.current;
    if (!end || !hasNextPage) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { root: scrollRef.current, rootMargin: '200px' },
    );
    observer.observe(end);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

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
        {/* A plain block scrolls; a flex column would squeeze the cards to fit instead. */}
        <div
          ref={scrollRef}
          style={{ maxHeight: 'calc(100vh - 290px)', minHeight: 320, overflowY: 'auto' }}
          data-testid={`stage-cards-${stage.name}`}
        >
          <Stack gap={6}>
            {column.isPending && <Loader size="sm" />}
            {column.isError && !column.isFetchingNextPage && (
              <Text size="xs" c="red">
                {column.data ? t('deals.board.loadFailed') : describeError(column.error, t)}
              </Text>
            )}
            {cards.map((deal) => (
              <DealCard key={deal.id} deal={deal} canDrag={canDrag} isJustDropped={isJustDropped} />
            ))}
            <div ref={endRef}>
              {hasNextPage && (
                <Button
                  variant="subtle"
                  size="xs"
                  fullWidth
                  loading={isFetchingNextPage}
                  onClick={() => void fetchNextPage()}
                  data-testid={`stage-load-more-${stage.name}`}
                >
                  {t('deals.board.loadMore', {
                    shown: formatNumber(cards.length),
                    total: formatNumber(Math.max(totals.count, cards.length)),
                  })}
                </Button>
              )}
            </div>
          </Stack>
        </div>
      </Stack>
    </Paper>
  );
}
