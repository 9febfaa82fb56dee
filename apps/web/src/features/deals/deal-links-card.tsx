import type { TDeal } from '@kap/shared';
import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getCompany } from '../c360/c360-api.ts';
import { listMembers } from '../members/members-api.ts';
import { getPerson } from '../people/people-api.ts';

/** Who the deal is with and who owns it. */
export function DealLinksCard({ deal }: { deal: TDeal }) {
  const { t } = useTranslation();
  const members = useQuery({ queryKey: ['members'], queryFn: listMembers });
  const company = useQuery({
    queryKey: ['company', deal.companyId],
    queryFn: () => getCompany(deal.companyId ?? ''),
    enabled: deal.companyId !== null,
  });
  const people = useQueries({
    queries: deal.personIds.map((id) => ({ queryKey: ['person', id], queryFn: () => getPerson(id) })),
  });
  const owner = members.data?.data.find((m) => m.userId === deal.ownerId);
  const row = (label: string, value: ReactNode) => (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={110}>
        {label}
      </Text>
      <div>{value}</div>
    </Group>
  );
  return (
    <Card withBorder data-testid="deal-links">
      <Title order={3} fz="md" mb="xs">
        {t('deals.detail.links')}
      </Title>
      <Stack gap={6}>
        {row(t('deals.fields.owner'), <Text size="sm">{owner?.name ?? '—'}</Text>)}
        {row(
          t('deals.fields.company'),
          company.data ? (
            <Anchor component={Link} to={`/companies/${company.data.id}`} size="sm">
              {company.data.name}
            </Anchor>
          ) : (
            <Text size="sm">—</Text>
          ),
        )}
        {row(
          t('deals.fields.people'),
          people.length === 0 ? (
            <Text size="sm">—</Text>
          ) : (
            <Stack gap={2}>
              {people.map((person, index) =>
                person.data ? (
                  <Anchor key={person.data.id} component={Link} to={`/contacts/${person.data.id}`} size="sm">
                    {person.data.displayName ||
                      [person.data.firstName, person.data.lastName].filter(Boolean).join(' ')}
                  </Anchor>
                ) : (
                  <Text key={deal.personIds[index]} size="sm" c="dimmed">
                    …
                  </Text>
                ),
              )}
            </Stack>
          ),
        )}
        {deal.source && row(t('deals.fields.source'), <Text size="sm">{deal.source}</Text>)}
      </Stack>
    </Card>
  );
}
