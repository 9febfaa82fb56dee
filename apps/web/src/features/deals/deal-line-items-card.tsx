import type { TDeal, TLineItemInput } from '@kap/shared';
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/form-alert.tsx';
import { isApiError } from '../../lib/api.ts';
import { describeError } from '../../lib/error-message.ts';
import { fieldErrorsOf, type TFieldErrors } from '../../lib/form-errors.ts';
import { updateDeal } from './deals-api.ts';
import { LineItemsEditor, type TLineDraft, toLineDrafts, validateLineDrafts } from './line-items-editor.tsx';

const sameLines = (a: readonly TLineDraft[], b: readonly TLineDraft[]) =>
  JSON.stringify(a.map(({ key: _k, ...line }) => line)) ===
  JSON.stringify(b.map(({ key: _k, ...line }) => line));

/**
 * The deal's products, edited in place and saved with the deal's version (If-Match). Saving
 * lines makes their total the deal's amount (the API's rule). Remount it (key = version) to
 * start again from the saved deal.
 */
export function DealLineItemsCard({ deal, canWrite }: { deal: TDeal; canWrite: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [saved] = useState(() => toLineDrafts(deal.lineItems));
  const [lines, setLines] = useState(saved);
  const [clientErrors, setClientErrors] = useState<TFieldErrors>({});
  const mutation = useMutation({
    mutationFn: (lineItems: TLineItemInput[]) => updateDeal(deal.id, deal.version, { lineItems }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['deal', deal.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['deals'] });
      notifications.show({ color: 'teal', message: t('deals.lineItems.saved') });
    },
  });
  const isStale = isApiError(mutation.error, 'PRECONDITION_FAILED');
  const errors = { ...fieldErrorsOf(mutation.error), ...clientErrors };
  const isDirty = !sameLines(lines, saved);
  const save = () => {
    const result = validateLineDrafts(lines, t);
    setClientErrors(result.errors ?? {});
    if (result.data) mutation.mutate(result.data);
  };
  return (
    <Card withBorder data-testid="deal-line-items">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <Stack gap="xs">
          <Title order={3} fz="md">
            {t('deals.detail.lineItems')}
          </Title>
          {isStale && (
            <FormAlert title={t('deals.lineItems.staleTitle')}>
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{t('deals.lineItems.staleBody')}</Text>
                <Button
                  size="xs"
                  variant="light"
                  color="red"
                  onClick={() => void queryClient.invalidateQueries({ queryKey: ['deal', deal.id] })}
                  data-testid="line-items-reload"
                >
                  {t('deals.lineItems.reload')}
                </Button>
              </Stack>
            </FormAlert>
          )}
          {mutation.error && !isStale && Object.keys(errors).length === 0 && (
            <FormAlert>{describeError(mutation.error, t)}</FormAlert>
          )}
          {lines.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('deals.detail.noLineItems')}
            </Text>
          )}
          <LineItemsEditor
            lines={lines}
            onChange={(next) => {
              setLines(next);
              setClientErrors({});
            }}
            currency={deal.currency}
            errors={errors}
            disabled={!canWrite}
          />
          {canWrite && isDirty && (
            <Group justify="flex-end" gap="xs">
              <Button
                variant="default"
                size="xs"
                onClick={() => {
                  setLines(saved);
                  setClientErrors({});
                  mutation.reset();
                }}
              >
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                size="xs"
                loading={mutation.isPending}
                disabled={isStale}
                data-testid="line-items-save"
              >
                {t('deals.lineItems.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Card>
  );
}
