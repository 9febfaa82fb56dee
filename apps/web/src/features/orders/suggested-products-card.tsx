import type { TProductSuggestion } from '@kap/shared';
import { Anchor, Badge, Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCoin } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { describeError } from '../../lib/error-message.ts';
import { useMoney } from '../../lib/use-money.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { createDealForProduct, type TCustomerKind } from './orders-api.ts';
import { useSuggestions } from './use-orders.ts';

type TProps = { kind: TCustomerKind; id: string; customerName: string };

/** Products this customer has not bought that similar customers did, each with a "create deal" action. */
export function SuggestedProductsCard({ kind, id, customerName }: TProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const money = useMoney();
  const permissions = usePermissions();
  const suggestions = useSuggestions(kind, id);
  const createDeal = useMutation({
    mutationFn: (suggestion: TProductSuggestion) =>
      createDealForProduct(
        {
          name: t('orders.suggestions.dealName', {
            product: suggestion.product.name,
            customer: customerName,
          }),
          currency: suggestion.product.currency,
          ...(kind === 'people' ? { personIds: [id] } : { companyId: id }),
          source: 'upsell',
          lineItems: [{ productId: suggestion.product.id, quantity: '1' }],
        },
        crypto.randomUUID(),
      ),
    onSuccess: async (deal) => {
      notifications.show({ color: 'teal', message: t('orders.suggestions.dealCreated') });
      await navigate(`/deals/${deal.id}`);
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: t('orders.suggestions.dealFailed'),
        message: describeError(error, t),
      }),
  });
  if (!permissions.canRead('orders') || !permissions.canRead('products')) return null;
  const data = suggestions.data?.data;
  return (
    <Card data-testid="suggestions-card">
      <Title order={2} fz="md" mb={4}>
        {t('orders.suggestions.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('orders.suggestions.description')}
      </Text>
      {!data ? (
        <Skeleton h={60} />
      ) : data.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="suggestions-empty">
          {t('orders.suggestions.none')}
        </Text>
      ) : (
        <Stack gap="sm">
          {data.map((s) => (
            <Group
              key={s.product.id}
              justify="space-between"
              wrap="nowrap"
              align="flex-start"
              data-testid="suggestion"
            >
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Group gap={6} wrap="nowrap">
                  <Anchor
                    component={Link}
                    to={`/products?q=${encodeURIComponent(s.product.sku)}`}
                    size="sm"
                    fw={600}
                    truncate
                  >
                    {s.product.name}
                  </Anchor>
                  <Badge size="xs" variant="light" color="grape" data-testid="suggestion-count">
                    {t('orders.suggestions.count', { count: s.coPurchaseCount })}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  {t('orders.suggestions.reason', {
                    count: s.coPurchaseCount,
                    products: s.becauseOf.map((b) => b.name).join(', '),
                  })}
                </Text>
              </Stack>
              <Stack gap={4} align="flex-end">
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {money(s.product.price, s.product.currency)}
                </Text>
                {permissions.canWrite('deals') && (
                  <Button
                    size="compact-xs"
                    variant="light"
                    leftSection={<IconCoin size={14} />}
                    loading={createDeal.isPending && createDeal.variables?.product.id === s.product.id}
                    onClick={() => createDeal.mutate(s)}
                    data-testid="create-deal"
                  >
                    {t('orders.suggestions.createDeal')}
                  </Button>
                )}
              </Stack>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
