import {
  Anchor,
  Breadcrumbs,
  Button,
  Card,
  Grid,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconPencil, IconReceiptRefund } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../components/error-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { OrderEditorModal } from '../features/orders/order-editor-modal.tsx';
import { OrderStatusBadge } from '../features/orders/order-status-badge.tsx';
import { RefundModal } from '../features/orders/refund-modal.tsx';
import { useCustomerNames } from '../features/orders/use-customer-names.ts';
import { useOrder } from '../features/orders/use-orders.ts';
import { useFormat } from '../lib/use-format.ts';
import { useMoney } from '../lib/use-money.ts';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children || '—'}
      </Text>
    </Stack>
  );
}

/** One order: its facts, lines with discounts and tax, totals in its and the base currency, refunds. */
export function OrderDetailPage() {
  const { t } = useTranslation();
  const { orderId = '' } = useParams();
  const { formatDateTime } = useFormat();
  const money = useMoney();
  const permissions = usePermissions();
  const query = useOrder(orderId);
  const [isRefunding, setRefunding] = useState(false);
  const [isEditing, setEditing] = useState(false);
  const names = useCustomerNames(query.data ? [query.data] : []);

  if (query.isPending) return <Skeleton h={320} />;
  if (query.isError)
    return (
      <ErrorState
        error={query.error}
        title={t('orders.loadOneFailed')}
        action={
          <Button component={Link} to="/orders" variant="light">
            {t('nav.orders')}
          </Button>
        }
      />
    );
  const order = query.data;
  const title = t('orders.detailTitle', { id: order.externalId ?? order.id.slice(-8) });
  const cur = (amount: string) => money(amount, order.currency);
  const canRefund =
    permissions.canWrite('orders') && order.status !== 'cancelled' && order.status !== 'refunded';

  return (
    <Stack gap="lg" data-testid="order-detail">
      <Breadcrumbs>
        <Anchor component={Link} to="/orders" size="sm">
          {t('nav.orders')}
        </Anchor>
        <span>{title}</span>
      </Breadcrumbs>
      <PageHeader
        documentTitle={title}
        title={
          <Group gap="sm">
            <span data-testid="order-title">{title}</span>
            <OrderStatusBadge status={order.status} />
          </Group>
        }
        actions={
          <Group gap="xs">
            {permissions.canWrite('orders') && (
              <Button
                variant="default"
                leftSection={<IconPencil size={16} />}
                onClick={() => setEditing(true)}
                data-testid="edit-order-button"
              >
                {t('common.edit')}
              </Button>
            )}
            {canRefund && (
              <Button
                variant="light"
                color="red"
                leftSection={<IconReceiptRefund size={16} />}
                onClick={() => setRefunding(true)}
                data-testid="refund-button"
              >
                {t('orders.refund.button')}
              </Button>
            )}
          </Group>
        }
      />
      <Card>
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="md">
          <Fact label={t('orders.fields.occurredAt')}>{formatDateTime(order.occurredAt)}</Fact>
          <Fact label={t('orders.fields.channel')}>{t(`orders.channel.${order.channel}`)}</Fact>
          <Fact label={t('orders.fields.location')}>{order.location}</Fact>
          <Fact label={t('orders.fields.source')}>{order.source}</Fact>
          <Fact label={t('orders.fields.customer')}>
            <Group gap={6}>
              {order.personId && (
                <Anchor
                  component={Link}
                  to={`/contacts/${order.personId}`}
                  size="sm"
                  data-testid="order-person"
                >
                  {names.get(order.personId) ?? t('orders.customer.person')}
                </Anchor>
              )}
              {order.companyId && (
                <Anchor component={Link} to={`/companies/${order.companyId}`} size="sm">
                  {names.get(order.companyId) ?? t('orders.customer.company')}
                </Anchor>
              )}
            </Group>
          </Fact>
          <Fact label={t('orders.fields.exchangeRate')}>
            {order.currency === order.baseCurrency
              ? order.baseCurrency
              : `1 ${order.currency} = ${Number(order.exchangeRate)} ${order.baseCurrency}`}
          </Fact>
        </SimpleGrid>
        {order.note && (
          <Text size="sm" mt="md" style={{ whiteSpace: 'pre-wrap' }}>
            {order.note}
          </Text>
        )}
      </Card>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card p={0}>
            <Title order={2} fz="md" p="md" pb="xs">
              {t('orders.lines')}
            </Title>
            <Table.ScrollContainer minWidth={620}>
              <Table verticalSpacing="xs" data-testid="order-lines">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('orders.fields.item')}</Table.Th>
                    <Table.Th ta="right">{t('orders.fields.quantity')}</Table.Th>
                    <Table.Th ta="right">{t('orders.fields.unitPrice')}</Table.Th>
                    <Table.Th ta="right">{t('orders.fields.discount')}</Table.Th>
                    <Table.Th ta="right">{t('orders.fields.tax')}</Table.Th>
                    <Table.Th ta="right">{t('orders.fields.lineTotal')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {order.lines.map((line) => (
                    <Table.Tr key={line.lineNo} data-testid="order-line">
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {line.description}
                        </Text>
                        {(line.sku || line.category) && (
                          <Text size="xs" c="dimmed">
                            {[line.sku, line.category].filter(Boolean).join(' · ')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{Number(line.quantity)}</Table.Td>
                      <Table.Td ta="right">{cur(line.unitPrice)}</Table.Td>
                      <Table.Td ta="right">
                        {line.discount === '0.00' ? '' : `−${cur(line.discount)}`}
                      </Table.Td>
                      <Table.Td ta="right">
                        {cur(line.tax)}
                        {line.taxRate && (
                          <Text span size="xs" c="dimmed">
                            {' '}
                            ({Number(line.taxRate)}%)
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td ta="right" fw={500}>
                        {cur(line.lineTotal)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card data-testid="order-totals">
            <Title order={2} fz="md" mb="sm">
              {t('orders.totals')}
            </Title>
            <Stack gap={6}>
              {(
                [
                  ['subtotal', order.subtotal],
                  ['discountTotal', order.discountTotal],
                  ['taxTotal', order.taxTotal],
                ] as const
              ).map(([key, value]) => (
                <Group key={key} justify="space-between">
                  <Text size="sm" c="dimmed">
                    {t(`orders.fields.${key}`)}
                  </Text>
                  <Text size="sm">{cur(value)}</Text>
                </Group>
              ))}
              <Group justify="space-between">
                <Text fw={600}>{t('orders.fields.total')}</Text>
                <Text fw={600} data-testid="order-total">
                  {cur(order.total)}
                </Text>
              </Group>
              {order.refundedTotal !== '0.00' && (
                <Group justify="space-between">
                  <Text size="sm" c="red">
                    {t('orders.fields.refundedTotal')}
                  </Text>
                  <Text size="sm" c="red">
                    −{cur(order.refundedTotal)}
                  </Text>
                </Group>
              )}
              {order.currency !== order.baseCurrency && (
                <Group justify="space-between">
                  <Text size="sm" c="dimmed">
                    {t('orders.fields.baseTotal')}
                  </Text>
                  <Text size="sm">{money(order.baseTotal, order.baseCurrency)}</Text>
                </Group>
              )}
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
      <Card data-testid="order-refunds">
        <Title order={2} fz="md" mb="sm">
          {t('orders.refunds')}
        </Title>
        {order.refunds.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('orders.noRefunds')}
          </Text>
        ) : (
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('orders.fields.occurredAt')}</Table.Th>
                <Table.Th>{t('orders.refund.reason')}</Table.Th>
                <Table.Th>{t('orders.lines')}</Table.Th>
                <Table.Th ta="right">{t('orders.refund.amount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {order.refunds.map((refund) => (
                <Table.Tr key={refund.id} data-testid="refund-row">
                  <Table.Td>{formatDateTime(refund.occurredAt)}</Table.Td>
                  <Table.Td>{refund.reason ?? ''}</Table.Td>
                  <Table.Td>
                    {refund.lines
                      .map(
                        (l) =>
                          `${order.lines.find((x) => x.lineNo === l.lineNo)?.description ?? l.lineNo} × ${Number(l.quantity)}`,
                      )
                      .join(', ')}
                  </Table.Td>
                  <Table.Td ta="right" fw={500}>
                    {cur(refund.amount)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {isRefunding && <RefundModal order={order} onClose={() => setRefunding(false)} />}
      {isEditing && <OrderEditorModal order={order} onClose={() => setEditing(false)} />}
    </Stack>
  );
}
