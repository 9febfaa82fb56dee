import type { TPerson } from '@kap/shared';
import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCompanyNames } from './person-profile-card.tsx';

export function RelatedCompaniesCard({ person }: { person: TPerson }) {
  const { t } = useTranslation();
  const names = useCompanyNames(person.companyIds).data ?? {};
  return (
    <Card data-testid="related-companies">
      <Title order={2} fz="md" mb="sm">
        {t('c360.fields.companies')}
      </Title>
      {person.companyIds.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('c360.noCompanies')}
        </Text>
      ) : (
        <Stack gap={6}>
          {person.companyIds.map((id) => (
            <Group key={id} gap="xs">
              <Anchor component={Link} to={`/companies/${id}`} size="sm" data-testid="related-company">
                {names[id] ?? '…'}
              </Anchor>
              {id === person.primaryCompanyId && (
                <Badge size="xs" variant="light">
                  {t('people.primary')}
                </Badge>
              )}
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
