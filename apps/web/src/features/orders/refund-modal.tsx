import { ExactDecimal, formatMoneyAmount, type TCreateRefundRequest, type TOrder } from '@kap/shared';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api.ts';
import { describeError } from '../../lib/error-message.ts';
import { useMoney } from '../../lib/use-money.ts';
import { createRefund } from './orders-api.ts';

/** Refund an amount, or chosen lines (their value is computed by the server). */
export function RefundModal({ order, onClose }: { order: TOrder; onClose: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const queryClient = useQueryClient();
  const idempotencyKey = useRef(crypto.randomUUID());
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [lines, setLines] = useState<Record<number, string>>({});
  const chosen = Object.entries(lines).filter(([, quantity]) => quantity.trim() !== '');
  const mutation = useMutation({
    mutationFn: () => {
      const body: TCreateRefundRequest = {
        ...(amount.trim() && { amount: amount.trim() }),
        ...(chosen.length > 0 && {
          lines: chosen.map(([lineNo, quantity]) => ({ lineNo: Number(lineNo), quantity: quantity.trim() })),
        }),
        reason: reason.trim() || null,
      };
      return createRefund(order.id, body, idempotencyKey.current);
    },
    onSuccess: (result) => {
      queryClient.setQueryData(['orders', 'one', order.id], result.order);
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
      notifications.show({
        color: 'teal',
        message: t('orders.refund.done', { amount: money(result.refund.amount, order.currency) }),
      });
      onClose();
    },
  });
  const errors = new Map(
    isApiError(mutation.error) ? mutation.error.details.map((d) => [d.path, d.message] as const) : [],
  );
  const left = formatMoneyAmount(new ExactDecimal(order.total).minus(order.refundedTotal));
  return (
    <Modal opened onClose={onClose} title={t('orders.refund.title')} size="lg">
      <Stack
        gap="sm"
        component="form"
        onSubmit={(event) => {
          event.preventDefault();
          mutation.mutate();
        }}
        data-testid="refund-form"
      >
        <Text size="sm" c="dimmed">
          {t('orders.refund.left', { amount: money(left, order.currency) })}
        </Text>
        {mutation.isError && errors.size === 0 && (
          <Alert color="red">{describeError(mutation.error, t)}</Alert>
        )}
        {[...errors.entries()].some(([path]) => path.startsWith('lines')) && (
          <Alert color="red">{t('orders.refund.linesInvalid')}</Alert>
        )}
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th>{t('orders.fields.item')}</Table.Th>
              <Table.Th ta="right">{t('orders.fields.quantity')}</Table.Th>
              <Table.Th w={120}>{t('orders.refund.quantity')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {order.lines.map((line) => (
              <Table.Tr key={line.lineNo}>
                <Table.Td>
                  <Checkbox
                    aria-label={line.description}
                    checked={lines[line.lineNo] !== undefined}
                    onChange={(e) => {
                      const checked = e.currentTarget.checked;
                      setLines((current) => {
                        const next = { ...current };
                        if (checked) next[line.lineNo] = String(Number(line.quantity));
                        else delete next[line.lineNo];
                        return next;
                      });
                    }}
                  />
                </Table.Td>
                <Table.Td>{line.description}</Table.Td>
                <Table.Td ta="right">{Number(line.quantity)}</Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    inputMode="decimal"
                    disabled={lines[line.lineNo] === undefined}
                    value={lines[line.lineNo] ?? ''}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setLines((current) => ({ ...current, [line.lineNo]: value }));
                    }}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <TextInput
          label={t('orders.refund.amount')}
          description={t('orders.refund.amountHint')}
          inputMode="decimal"
          placeholder="10.00"
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          error={errors.get('amount') && t('orders.refund.amountInvalid')}
          data-testid="refund-amount"
        />
        <Textarea
          label={t('orders.refund.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            color="red"
            loading={mutation.isPending}
            disabled={!amount.trim() && chosen.length === 0}
            data-testid="refund-submit"
          >
            {t('orders.refund.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
