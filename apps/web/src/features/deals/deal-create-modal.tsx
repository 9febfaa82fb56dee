import { sumDraftDealLineTotals, type TLineItemInput, type TPipeline } from '@kap/shared';
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/form-alert.tsx';
import { describeError } from '../../lib/error-message.ts';
import { fieldErrorsOf, type TFieldErrors } from '../../lib/form-errors.ts';
import { RecordPicker } from '../c360/record-picker.tsx';
import { createDeal } from './deals-api.ts';
import { LineItemsEditor, type TLineDraft, validateLineDrafts } from './line-items-editor.tsx';

const CURRENCIES = ['EUR', 'USD', 'GBP', 'AMD', 'GEL'];

/**
 * Name, amount or product lines, currency, stage, close date, company and a person; the rest is
 * edited on the deal page. With lines, the amount is their total (the API's rule).
 */
export function DealCreateModal({
  opened,
  onClose,
  pipeline,
}: {
  opened: boolean;
  onClose: () => void;
  pipeline: TPipeline;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const idempotencyKey = useRef(crypto.randomUUID());
  const [name, setName] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [stageId, setStageId] = useState<string | null>(pipeline.stages[0]?.id ?? null);
  const [closeDate, setCloseDate] = useState('');
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [personId, setPersonId] = useState<string | null>(null);
  const [lines, setLines] = useState<TLineDraft[]>([]);
  const [lineErrors, setLineErrors] = useState<TFieldErrors>({});
  const linesTotal = lines.length > 0 ? sumDraftDealLineTotals(lines) : null;
  const mutation = useMutation({
    mutationFn: (lineItems: TLineItemInput[]) =>
      createDeal(
        {
          name,
          currency,
          pipelineId: pipeline.id,
          ...(stageId ? { stageId } : {}),
          ...(lineItems.length > 0 ? { lineItems } : amount ? { amount } : {}),
          ...(closeDate ? { expectedCloseDate: closeDate } : {}),
          ...(companyId ? { companyId } : {}),
          ...(personId ? { personIds: [personId] } : {}),
        },
        idempotencyKey.current,
      ),
    onSuccess: () => {
      idempotencyKey.current = crypto.randomUUID();
      setName('');
      setAmount('');
      setLines([]);
      void queryClient.invalidateQueries({ queryKey: ['deals'] });
      onClose();
    },
  });
  const errors = { ...fieldErrorsOf(mutation.error), ...lineErrors };
  const submit = () => {
    const result = validateLineDrafts(lines, t);
    setLineErrors(result.errors ?? {});
    if (result.data) mutation.mutate(result.data);
  };
  const openStages = pipeline.stages.filter((s) => s.kind !== 'lost');
  return (
    <Modal opened={opened} onClose={onClose} title={t('deals.create.title')} size="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack>
          {mutation.error && !Object.keys(errors).length ? (
            <FormAlert>{describeError(mutation.error, t)}</FormAlert>
          ) : null}
          <TextInput
            label={t('deals.fields.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            required
            data-autofocus
            data-testid="deal-name-input"
          />
          <Group grow>
            <TextInput
              label={t('deals.fields.amount')}
              value={lines.length > 0 ? (linesTotal ?? '') : amount}
              onChange={(e) => setAmount(e.currentTarget.value)}
              disabled={lines.length > 0}
              description={lines.length > 0 ? t('deals.lineItems.amountFromLines') : undefined}
              error={errors.amount}
              inputMode="decimal"
              placeholder="0.00"
              data-testid="deal-amount-input"
            />
            <Select
              label={t('deals.fields.currency')}
              data={CURRENCIES}
              value={currency}
              onChange={(value) => setCurrency(value ?? 'EUR')}
              error={errors.currency}
              allowDeselect={false}
            />
          </Group>
          <Select
            label={t('deals.fields.stage')}
            data={openStages.map((s) => ({ value: s.id, label: s.name }))}
            value={stageId}
            onChange={setStageId}
            error={errors.stageId}
            allowDeselect={false}
          />
          <LineItemsEditor
            lines={lines}
            onChange={(next) => {
              setLines(next);
              setLineErrors({});
            }}
            currency={currency}
            errors={errors}
          />
          <TextInput
            type="date"
            label={t('deals.fields.expectedCloseDate')}
            value={closeDate}
            onChange={(e) => setCloseDate(e.currentTarget.value)}
            error={errors.expectedCloseDate}
          />
          <RecordPicker
            type="company"
            label={t('deals.fields.company')}
            value={companyId}
            onChange={setCompanyId}
            error={errors.companyId}
          />
          <RecordPicker
            type="person"
            label={t('deals.fields.people')}
            value={personId}
            onChange={setPersonId}
            error={errors['personIds.0']}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={mutation.isPending}
              disabled={!name.trim()}
              data-testid="deal-create-submit"
            >
              {t('deals.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
