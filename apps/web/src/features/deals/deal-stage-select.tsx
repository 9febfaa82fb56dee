import type { TDeal, TPipeline, TStage } from '@kap/shared';
import { Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api.ts';
import { describeError } from '../../lib/error-message.ts';
import { moveDeal } from './deals-api.ts';
import { LostReasonModal } from './lost-reason-modal.tsx';

/** The deal page's move: the same call as the board's drag (If-Match, a reason for lost stages). */
export function DealStageSelect({
  deal,
  pipeline,
  disabled,
}: {
  deal: TDeal;
  pipeline: TPipeline;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [pendingLost, setPendingLost] = useState<TStage | null>(null);
  const mutation = useMutation({
    mutationFn: ({ stage, lostReason }: { stage: TStage; lostReason?: string }) =>
      moveDeal(deal.id, deal.version, stage.id, lostReason),
    onSuccess: (saved) => {
      queryClient.setQueryData(['deal', deal.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['deals'] });
    },
    onError: (error) => {
      notifications.show({
        color: 'red',
        message: isApiError(error, 'PRECONDITION_FAILED') ? t('deals.board.stale') : describeError(error, t),
      });
      void queryClient.invalidateQueries({ queryKey: ['deal', deal.id] });
    },
  });
  return (
    <>
      <Select
        aria-label={t('deals.fields.stage')}
        data={pipeline.stages.map((s) => ({ value: s.id, label: `${s.name} · ${s.probability}%` }))}
        value={deal.stageId}
        onChange={(id) => {
          const stage = pipeline.stages.find((s) => s.id === id);
          if (!stage || stage.id === deal.stageId) return;
          if (stage.kind === 'lost') setPendingLost(stage);
          else mutation.mutate({ stage });
        }}
        allowDeselect={false}
        disabled={disabled || mutation.isPending}
        w={220}
        data-testid="deal-stage-select"
      />
      <LostReasonModal
        opened={pendingLost !== null}
        onCancel={() => setPendingLost(null)}
        onConfirm={(lostReason) => {
          if (pendingLost) mutation.mutate({ stage: pendingLost, lostReason });
          setPendingLost(null);
        }}
      />
    </>
  );
}
