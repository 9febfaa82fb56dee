import {
  addMoneyAmounts,
  computeWeightedAmount,
  type TBoardSummary,
  type TDeal,
  type TStage,
} from '@kap/shared';
import type { InfiniteData } from '@tanstack/react-query';
import type { TListResponse } from '../../lib/api.ts';

/** One board column's cards: the keyset pages loaded so far (first page, then each "load more"). */
export type TColumnPages = InfiniteData<TListResponse<TDeal>, string | undefined>;

export const boardKeys = {
  all: (pipelineId: string) => ['deals', 'board', pipelineId] as const,
  column: (pipelineId: string, stageId: string) => ['deals', 'board', pipelineId, stageId] as const,
  summary: (pipelineId: string) => ['deals', 'summary', pipelineId] as const,
};

/** The cards of a column in order, each once (a card moved here may come back in a later page). */
export function cardsOf(pages: { pages: TListResponse<TDeal>[] } | undefined): TDeal[] {
  const seen = new Set<string>();
  const cards: TDeal[] = [];
  for (const page of pages?.pages ?? [])
    for (const deal of page.data)
      if (!seen.has(deal.id)) {
        seen.add(deal.id);
        cards.push(deal);
      }
  return cards;
}

export function withoutCard(pages: TColumnPages | undefined, dealId: string): TColumnPages | undefined {
  if (!pages) return pages;
  return { ...pages, pages: pages.pages.map((p) => ({ ...p, data: p.data.filter((d) => d.id !== dealId) })) };
}

/** A card first in its column (the board orders by last change, and a move is a change). */
export function withCardFirst(pages: TColumnPages | undefined, deal: TDeal): TColumnPages | undefined {
  if (!pages) return pages;
  const [first, ...rest] = withoutCard(pages, deal.id)?.pages ?? [];
  if (!first) return pages;
  return { ...pages, pages: [{ ...first, data: [deal, ...first.data] }, ...rest] };
}

export function withCardReplaced(pages: TColumnPages | undefined, deal: TDeal): TColumnPages | undefined {
  if (!pages) return pages;
  return {
    ...pages,
    pages: pages.pages.map((p) => ({ ...p, data: p.data.map((d) => (d.id === deal.id ? deal : d)) })),
  };
}

/** The deal as it will be once in `stage`: its probability and weighted amount follow the stage. */
export const movedTo = (deal: TDeal, stage: TStage): TDeal => ({
  ...deal,
  stageId: stage.id,
  status: stage.kind,
  probability: stage.probability,
  weightedAmount: computeWeightedAmount(deal.amount, stage.probability),
});

/**
 * The column totals after moving `deal` (as it is now) to `moved`: one fewer in the old stage's
 * row of its currency, one more in the new one's, with exact sums. The server's answer replaces
 * this as soon as it arrives.
 */
export function summaryAfterMove(summary: TBoardSummary | undefined, deal: TDeal, moved: TDeal) {
  if (!summary) return summary;
  const rows = summary.data.map((row) =>
    row.stageId === deal.stageId && row.currency === deal.currency
      ? {
          ...row,
          count: row.count - 1,
          amount: addMoneyAmounts(row.amount, deal.amount, -1),
          weighted: addMoneyAmounts(row.weighted, deal.weightedAmount, -1),
        }
      : row.stageId === moved.stageId && row.currency === moved.currency
        ? {
            ...row,
            count: row.count + 1,
            amount: addMoneyAmounts(row.amount, moved.amount),
            weighted: addMoneyAmounts(row.weighted, moved.weightedAmount),
          }
        : row,
  );
  if (!rows.some((row) => row.stageId === moved.stageId && row.currency === moved.currency))
    rows.push({
      stageId: moved.stageId,
      currency: moved.currency,
      count: 1,
      amount: moved.amount,
      weighted: moved.weightedAmount,
    });
  return { data: rows.filter((row) => row.count > 0) };
}
