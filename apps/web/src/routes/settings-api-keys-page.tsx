import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NoAccess } from '../components/no-access.tsx';
import type { TCreatedApiKey } from '../features/api-keys/api-keys-api.ts';
import { ApiKeysTable } from '../features/api-keys/api-keys-table.tsx';
import { CreateApiKeyModal } from '../features/api-keys/create-api-key-modal.tsx';
import { CreatedKeyModal } from '../features/api-keys/created-key-modal.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';

export function SettingsApiKeysPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const [isCreateOpen, createModal] = useDisclosure(false);
  const [created, setCreated] = useState<TCreatedApiKey | null>(null);

  if (!permissions.has('apiKeys:manage')) return <NoAccess />;

  return (
    <Card>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} fz="lg">
              {t('apiKeys.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('apiKeys.description')}
            </Text>
          </div>
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={createModal.open}
            data-testid="create-api-key-button"
          >
            {t('apiKeys.create')}
          </Button>
        </Group>
        <ApiKeysTable />
      </Stack>
      <CreateApiKeyModal opened={isCreateOpen} onClose={createModal.close} onCreated={setCreated} />
      <CreatedKeyModal apiKey={created} onClose={() => setCreated(null)} />
    </Card>
  );
}
