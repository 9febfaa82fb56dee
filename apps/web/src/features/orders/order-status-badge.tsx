import type { TOrderStatus } from '@kap/shared';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLOURS: Record<TOrderStatus, string> = {
  placed: 'blue',
  paid: 'teal',
  fulfilled: 'green',
  cancelled: 'gray',
  refunded: 'red',
  partiallyRefunded: 'orange',
};

export function OrderStatusBadge({ status }: { status: TOrderStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOURS[status]} variant="light" radius="sm" tt="none" data-testid="order-status">
      {t(`orders.status.${status}`)}
    </Badge>
  );
}
