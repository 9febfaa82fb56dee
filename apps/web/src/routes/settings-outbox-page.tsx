import { Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NoAccess } from '../components/no-access.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { OutboxList } from '../features/outbox/outbox-list.tsx';

export function SettingsOutboxPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  if (!permissions.has('settings:manage')) return <NoAccess />;
  return (
    <Card>
      <Stack gap="md">
        <div>
          <Title order={2} fz="lg">
            {t('outbox.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('outbox.description')}
          </Text>
        </div>
        <OutboxList />
      </Stack>
    </Card>
  );
}
