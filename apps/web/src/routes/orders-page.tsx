import { ORDER_CHANNELS, ORDER_STATUSES, type TOrderChannel, type TOrderStatus } from '@kap/shared';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  CloseButton,
  EmptyState,
  Group,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconPlus, IconReceipt } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorState } from '../components/error-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { OrderEditorModal } from '../features/orders/order-editor-modal.tsx';
import { OrderStatusBadge } from '../features/orders/order-status-badge.tsx';
import { listOrders, type TOrderFilters } from '../features/orders/orders-api.ts';
import { useCustomerNames } from '../features/orders/use-customer-names.ts';
import { useFormat } from '../lib/use-format.ts';
import { useMoney } from '../lib/use-money.ts';

/** Orders from every channel, newest first; filters live in the address so they can be shared. */
export function OrdersPage() {
  const { t } = useTranslation();
  const { formatDateTime } = useFormat();
  const money = useMoney();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const permissions = usePermissions();
  const [isCreating, setCreating] = useState(false);
  const status = params.get('status') as TOrderStatus | null;
  const channel = params.get('channel') as TOrderChannel | null;
  const personId = params.get('personId');
  const companyId = params.get('companyId');
  const filters: TOrderFilters = {
    status: status ?? undefined,
    channel: channel ?? undefined,
    personId: personId ?? undefined,
    companyId: companyId ?? undefined,
  };
  const setParam = (key: string, value: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });
  const query = useInfiniteQuery({
    queryKey: ['orders', 'list', filters],
    queryFn: ({ pageParam, signal }) => listOrders(filters, pageParam, 50, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
  const orders = query.data?.pages.flatMap((p) => p.data) ?? [];
  const names = useCustomerNames(orders);
  const isFiltered = Boolean(status || channel || personId || companyId);

  let content: ReactNode;
  if (query.isPending) content = <Skeleton h={240} />;
  else if (query.isError && orders.length === 0)
    content = (
      <ErrorState error={query.error} title={t('orders.loadFailed')} onRetry={() => void query.refetch()} />
    );
  else if (orders.length === 0)
    content = (
      <EmptyState
        icon={<IconReceipt size={28} />}
        title={isFiltered ? t('orders.noMatches') : t('orders.emptyTitle')}
        description={isFiltered ? '' : t('orders.emptyDescription')}
        py="xl"
        data-testid="orders-empty"
      />
    );
  else
    content = (
      <Card p={0}>
        <Table.ScrollContainer minWidth={760}>
          <Table highlightOnHover verticalSpacing="sm" data-testid="orders-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('orders.fields.occurredAt')}</Table.Th>
                <Table.Th>{t('orders.fields.order')}</Table.Th>
                <Table.Th>{t('orders.fields.customer')}</Table.Th>
                <Table.Th>{t('orders.fields.channel')}</Table.Th>
                <Table.Th>{t('orders.fields.status')}</Table.Th>
                <Table.Th ta="right">{t('orders.fields.total')}</Table.Th>
                <Table.Th ta="right">{t('orders.fields.baseTotal')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {orders.map((order) => (
                <Table.Tr
                  key={order.id}
                  data-testid="order-row"
                  style={{ cursor: 'pointer' }}
                  onClick={() => void navigate(`/orders/${order.id}`)}
                >
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(order.occurredAt)}</Table.Td>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/orders/${order.id}`}
                      size="sm"
                      onClick={(e) => e.stopPropagation()}
                    >
                      {order.externalId ?? order.id.slice(-8)}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {order.source}
                      {order.location ? ` · ${order.location}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {order.personId && (
                        <Anchor
                          component={Link}
                          to={`/contacts/${order.personId}`}
                          size="sm"
                          onClick={(e) => e.stopPropagation()}
                        >
                          {names.get(order.personId) ?? t('orders.customer.person')}
                        </Anchor>
                      )}
                      {order.companyId && (
                        <Anchor
                          component={Link}
                          to={`/companies/${order.companyId}`}
                          size="sm"
                          onClick={(e) => e.stopPropagation()}
                        >
                          {names.get(order.companyId) ?? t('orders.customer.company')}
                        </Anchor>
                      )}
                      {!order.personId && !order.companyId && (
                        <Text size="sm" c="dimmed">
                          {t('orders.customer.none')}
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{t(`orders.channel.${order.channel}`)}</Table.Td>
                  <Table.Td>
                    <OrderStatusBadge status={order.status} />
                  </Table.Td>
                  <Table.Td ta="right" fw={500} style={{ whiteSpace: 'nowrap' }}>
                    {money(order.total, order.currency)}
                  </Table.Td>
                  <Table.Td ta="right" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {money(order.baseTotal, order.baseCurrency)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {query.hasNextPage && (
          <Center p="sm">
            <Button
              variant="subtle"
              loading={query.isFetchingNextPage}
              onClick={() => void query.fetchNextPage()}
            >
              {t('common.loadMore')}
            </Button>
          </Center>
        )}
      </Card>
    );

  return (
    <Stack gap="sm">
      <PageHeader
        title={t('nav.orders')}
        description={t('orders.description')}
        actions={
          permissions.canWrite('orders') && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setCreating(true)}
              data-testid="new-order-button"
            >
              {t('orders.editor.newButton')}
            </Button>
          )
        }
      />
      <Group gap="sm" wrap="wrap">
        <Select
          placeholder={t('orders.allStatuses')}
          aria-label={t('orders.fields.status')}
          data={ORDER_STATUSES.map((s) => ({ value: s, label: t(`orders.status.${s}`) }))}
          value={status}
          onChange={(value) => setParam('status', value)}
          clearable
          w={200}
          data-testid="orders-status-filter"
        />
        <Select
          placeholder={t('orders.allChannels')}
          aria-label={t('orders.fields.channel')}
          data={ORDER_CHANNELS.map((c) => ({ value: c, label: t(`orders.channel.${c}`) }))}
          value={channel}
          onChange={(value) => setParam('channel', value)}
          clearable
          w={200}
          data-testid="orders-channel-filter"
        />
        {(personId || companyId) && (
          <Badge
            size="lg"
            variant="light"
            radius="sm"
            tt="none"
            rightSection={
              <CloseButton
                size="xs"
                aria-label={t('common.clear')}
                onClick={() =>
                  setParams((current) => {
                    const next = new URLSearchParams(current);
                    next.delete('personId');
                    next.delete('companyId');
                    return next;
                  })
                }
              />
            }
          >
            {personId ? t('orders.filteredByPerson') : t('orders.filteredByCompany')}
            {names.has(personId ?? companyId ?? '') ? `: ${names.get(personId ?? companyId ?? '')}` : ''}
          </Badge>
        )}
      </Group>
      {content}
      {isCreating && (
        <OrderEditorModal
          onClose={() => setCreating(false)}
          onSaved={(order) => void navigate(`/orders/${order.id}`)}
          customer={{ ...(personId ? { personId } : {}), ...(companyId ? { companyId } : {}) }}
        />
      )}
    </Stack>
  );
}
