import { ORDER_CHANNELS, ORDER_INPUT_STATUSES, type TOrder, ZCreateOrderRequest } from '@kap/shared';
import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/form-alert.tsx';
import { describeError } from '../../lib/error-message.ts';
import { fieldErrorsOf, type TFieldErrors, validateWith } from '../../lib/form-errors.ts';
import { useMoney } from '../../lib/use-money.ts';
import { RecordPicker } from '../c360/record-picker.tsx';
import {
  draftOfOrder,
  newOrderDraft,
  orderAmountsOf,
  type TInputStatus,
  type TOrderDraft,
  toOrderRequest,
} from './order-draft.ts';
import { OrderLinesEditor } from './order-lines-editor.tsx';
import { createOrder, getCurrencySettings, updateOrder } from './orders-api.ts';

type TProps = {
  onClose: () => void;
  onSaved?: (order: TOrder) => void;
  /** The order to edit; none: a new order. */
  order?: TOrder;
  /** The customer of a new order (from a person's or company's page). */
  customer?: { personId?: string; companyId?: string };
};

const currencyCodes = (): string[] => {
  try {
    return Intl.supportedValuesOf('currency');
  } catch {
    return ['EUR', 'USD', 'GBP'];
  }
};

/**
 * Create or edit an order by hand: customer, channel, store, date, status, currency and lines.
 * Totals update as one types, with the server's own formulas; the server computes them again on
 * save and its field errors show next to the field at fault.
 */
export function OrderEditorModal({ onClose, onSaved, order, customer }: TProps) {
  const { t } = useTranslation();
  const money = useMoney();
  const queryClient = useQueryClient();
  const hasRefunds = order !== undefined && order.refundedTotal !== '0.00';
  const idempotencyKey = useRef(crypto.randomUUID());
  const settings = useQuery({
    queryKey: ['currency-settings'],
    queryFn: getCurrencySettings,
    enabled: !order,
  });
  const [draft, setDraft] = useState<TOrderDraft | null>(order ? draftOfOrder(order) : null);
  const [formErrors, setFormErrors] = useState<TFieldErrors>({});
  const currencies = useMemo(currencyCodes, []);
  // A new order starts in the workspace's base currency once it is known (made once: its lines' keys stay).
  const baseCurrency = settings.data?.baseCurrency;
  const personId = customer?.personId;
  const companyId = customer?.companyId;
  const fresh = useMemo(
    () =>
      baseCurrency
        ? newOrderDraft({ ...(personId && { personId }), ...(companyId && { companyId }) }, baseCurrency)
        : null,
    [baseCurrency, personId, companyId],
  );
  const current = draft ?? fresh;
  const mutation = useMutation({
    mutationFn: ({ status, ...rest }: ReturnType<typeof toOrderRequest>) =>
      order
        ? // Once refunded, the status follows the refunds: it is not sent.
          updateOrder(order.id, order.version, hasRefunds ? rest : { ...rest, status })
        : createOrder({ ...rest, status }, idempotencyKey.current),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
      notifications.show({
        color: 'teal',
        message: t(order ? 'orders.editor.saved' : 'orders.editor.created'),
      });
      onSaved?.(saved);
      onClose();
    },
  });
  const change = (patch: Partial<TOrderDraft>) => {
    if (current) setDraft({ ...current, ...patch });
    // The errors shown were about what is being changed now: they go until the next save.
    setFormErrors({});
    if (mutation.isError) mutation.reset();
  };
  const errors = { ...fieldErrorsOf(mutation.error), ...formErrors };
  const totals = current ? orderAmountsOf(current.lines) : null;
  const submit = () => {
    if (!current) return;
    const body = toOrderRequest(current);
    const checked = validateWith(ZCreateOrderRequest, body, t);
    setFormErrors(checked.errors ?? {});
    mutation.reset();
    if (checked.data) mutation.mutate(body);
  };
  return (
    <Modal
      opened
      onClose={onClose}
      size={1040}
      title={order ? t('orders.editor.editTitle') : t('orders.editor.newTitle')}
      data-testid="order-editor"
    >
      {!current ? (
        <Text size="sm" c="dimmed">
          {settings.isError ? describeError(settings.error, t) : '…'}
        </Text>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Stack>
            {mutation.isError && Object.keys(errors).length === 0 && (
              <FormAlert>{describeError(mutation.error, t)}</FormAlert>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <RecordPicker
                type="person"
                label={t('orders.customer.person')}
                value={current.personId}
                onChange={(personId) => change({ personId })}
                error={errors.personId}
                testId="order-person-picker"
              />
              <RecordPicker
                type="company"
                label={t('orders.customer.company')}
                value={current.companyId}
                onChange={(companyId) => change({ companyId })}
                error={errors.companyId}
                testId="order-company-picker"
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 2, sm: 3 }}>
              <Select
                label={t('orders.fields.channel')}
                data={ORDER_CHANNELS.map((c) => ({ value: c, label: t(`orders.channel.${c}`) }))}
                value={current.channel}
                onChange={(value) => value && change({ channel: value as TOrderDraft['channel'] })}
                error={errors.channel}
                allowDeselect={false}
                data-testid="order-channel"
              />
              <TextInput
                label={t('orders.fields.location')}
                value={current.location}
                onChange={(e) => change({ location: e.currentTarget.value })}
                error={errors.location}
                data-testid="order-location"
              />
              <TextInput
                type="datetime-local"
                label={t('orders.fields.occurredAt')}
                value={current.occurredAt}
                onChange={(e) => change({ occurredAt: e.currentTarget.value })}
                error={errors.occurredAt}
                required
                data-testid="order-occurred-at"
              />
              <Select
                label={t('orders.fields.status')}
                data={ORDER_INPUT_STATUSES.map((s) => ({ value: s, label: t(`orders.status.${s}`) }))}
                value={current.status}
                onChange={(value) => value && change({ status: value as TInputStatus })}
                error={errors.status}
                disabled={hasRefunds}
                description={hasRefunds ? t('orders.editor.statusFollowsRefunds') : undefined}
                allowDeselect={false}
                data-testid="order-status-select"
              />
              <Select
                label={t('orders.editor.currency')}
                data={currencies}
                value={current.currency}
                onChange={(value) => value && change({ currency: value })}
                error={errors.currency}
                searchable
                allowDeselect={false}
                data-testid="order-currency"
              />
            </SimpleGrid>
            <OrderLinesEditor
              lines={current.lines}
              onChange={(lines) => change({ lines })}
              currency={current.currency}
              errors={errors}
            />
            <Group justify="space-between" align="flex-start">
              <Textarea
                label={t('orders.editor.note')}
                value={current.note}
                onChange={(e) => change({ note: e.currentTarget.value })}
                error={errors.note}
                autosize
                minRows={2}
                w={{ base: '100%', sm: 420 }}
              />
              <Stack gap={4} miw={240} data-testid="order-editor-totals">
                {(
                  [
                    ['subtotal', totals?.subtotal],
                    ['discountTotal', totals?.discountTotal],
                    ['taxTotal', totals?.taxTotal],
                  ] as const
                ).map(([key, value]) => (
                  <Group key={key} justify="space-between">
                    <Text size="sm" c="dimmed">
                      {t(`orders.fields.${key}`)}
                    </Text>
                    <Text size="sm">{value ? money(value, current.currency) : '—'}</Text>
                  </Group>
                ))}
                <Group justify="space-between">
                  <Text fw={600}>{t('orders.fields.total')}</Text>
                  <Text fw={600} data-testid="order-editor-total">
                    {totals ? money(totals.total, current.currency) : '—'}
                  </Text>
                </Group>
              </Stack>
            </Group>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={mutation.isPending} data-testid="order-editor-submit">
                {order ? t('common.save') : t('orders.editor.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
