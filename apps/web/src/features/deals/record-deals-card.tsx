import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMoney } from '../../lib/use-money.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { listDeals } from './deals-api.ts';

/** The "Deals" card of a person's or company's page. */
export function RecordDealsCard({ personId, companyId }: { personId?: string; companyId?: string }) {
  const { t } = useTranslation();
  const money = useMoney();
  const { canRead } = usePermissions();
  const deals = useQuery({
    queryKey: ['deals', 'record', personId ?? null, companyId ?? null],
    queryFn: () => listDeals({ personId, companyId, limit: 20 }),
    enabled: canRead('deals'),
  });
  if (!canRead('deals')) return null;
  return (
    <Card withBorder data-testid="record-deals-card">
      <Title order={3} fz="md" mb="xs">
        {t('nav.deals')}
      </Title>
      <Stack gap={6}>
        {(deals.data?.data ?? []).length === 0 && (
          <Text size="sm" c="dimmed">
            {t('deals.card.none')}
          </Text>
        )}
        {(deals.data?.data ?? []).map((deal) => (
          <Group key={deal.id} justify="space-between" gap="xs" wrap="nowrap">
            <Anchor component={Link} to={`/deals/${deal.id}`} size="sm" truncate>
              {deal.name}
            </Anchor>
            <Group gap={6} wrap="nowrap">
              <Text size="sm">{money(deal.amount, deal.currency)}</Text>
              <Badge
                size="xs"
                variant="light"
                color={deal.status === 'won' ? 'teal' : deal.status === 'lost' ? 'red' : 'blue'}
              >
                {t(`deals.status.${deal.status}`)}
              </Badge>
            </Group>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
