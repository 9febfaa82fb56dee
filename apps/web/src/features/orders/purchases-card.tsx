import { Anchor, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useFormat } from '../../lib/use-format.ts';
import { useMoney } from '../../lib/use-money.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { OrderEditorModal } from './order-editor-modal.tsx';
import { OrderStatusBadge } from './order-status-badge.tsx';
import type { TCustomerKind } from './orders-api.ts';
import { usePurchaseStats, useRecentOrders } from './use-orders.ts';

function Fact({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} data-testid={testId}>
        {value || '—'}
      </Text>
    </Stack>
  );
}

/** A customer's purchase stats and most recent orders, for the person and company pages. */
export function PurchasesCard({ kind, id }: { kind: TCustomerKind; id: string }) {
  const { t } = useTranslation();
  const { formatDate, formatNumber } = useFormat();
  const money = useMoney();
  const permissions = usePermissions();
  const stats = usePurchaseStats(kind, id);
  const recent = useRecentOrders(kind, id);
  const navigate = useNavigate();
  const [isCreating, setCreating] = useState(false);
  if (!permissions.canRead('orders')) return null;
  const s = stats.data;
  const orders = recent.data?.data ?? [];
  const filterParam = kind === 'people' ? `personId=${id}` : `companyId=${id}`;
  return (
    <Card data-testid="purchases-card">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="md">
          {t('orders.purchases.title')}
        </Title>
        <Group gap="sm">
          {orders.length > 0 && (
            <Anchor component={Link} to={`/orders?${filterParam}`} size="sm">
              {t('orders.purchases.allOrders')}
            </Anchor>
          )}
          {permissions.canWrite('orders') && (
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() => setCreating(true)}
              data-testid="purchases-new-order"
            >
              {t('orders.editor.newButton')}
            </Button>
          )}
        </Group>
      </Group>
      {isCreating && (
        <OrderEditorModal
          onClose={() => setCreating(false)}
          onSaved={(order) => void navigate(`/orders/${order.id}`)}
          customer={kind === 'people' ? { personId: id } : { companyId: id }}
        />
      )}
      {!s ? (
        <Skeleton h={80} />
      ) : s.orderCount === 0 ? (
        <Text size="sm" c="dimmed" data-testid="purchases-empty">
          {t('orders.purchases.none')}
        </Text>
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
            <Fact
              label={t('orders.purchases.lifetimeRevenue')}
              value={money(s.lifetimeRevenue, s.baseCurrency)}
              testId="stat-lifetime-revenue"
            />
            <Fact
              label={t('orders.purchases.orderCount')}
              value={formatNumber(s.orderCount)}
              testId="stat-order-count"
            />
            <Fact
              label={t('orders.purchases.averageOrderValue')}
              value={money(s.averageOrderValue, s.baseCurrency)}
              testId="stat-aov"
            />
            <Fact
              label={t('orders.purchases.firstPurchase')}
              value={formatDate(s.firstPurchaseAt)}
              testId="stat-first"
            />
            <Fact
              label={t('orders.purchases.lastPurchase')}
              value={formatDate(s.lastPurchaseAt)}
              testId="stat-last"
            />
            <Fact
              label={t('orders.purchases.favouriteChannel')}
              value={s.favouriteChannel ? t(`orders.channel.${s.favouriteChannel}`) : ''}
              testId="stat-channel"
            />
          </SimpleGrid>
          {s.favouriteCategories.length > 0 && (
            <Text size="sm" data-testid="stat-categories">
              <Text span c="dimmed" size="sm">
                {t('orders.purchases.favouriteCategories')}:{' '}
              </Text>
              {s.favouriteCategories.join(', ')}
            </Text>
          )}
        </Stack>
      )}
      {orders.length > 0 && (
        <Stack gap={6} mt="md" data-testid="recent-orders">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('orders.purchases.recent')}
          </Text>
          {orders.map((order) => (
            <Group key={order.id} justify="space-between" wrap="nowrap" gap="xs">
              <Anchor
                component={Link}
                to={`/orders/${order.id}`}
                size="sm"
                data-testid="recent-order"
                truncate
              >
                {formatDate(order.occurredAt)} · {order.externalId ?? t(`orders.channel.${order.channel}`)}
              </Anchor>
              <Group gap="xs" wrap="nowrap">
                <OrderStatusBadge status={order.status} />
                <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                  {money(order.total, order.currency)}
                </Text>
              </Group>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
