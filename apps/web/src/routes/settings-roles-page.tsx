import { Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CapabilityMatrix } from '../features/roles/capability-matrix.tsx';
import { PermissionMatrix } from '../features/roles/permission-matrix.tsx';

export function SettingsRolesPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Card>
        <Title order={2} fz="lg">
          {t('rolesPage.accessTitle')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('rolesPage.accessDescription')}
        </Text>
        <PermissionMatrix />
      </Card>
      <Card>
        <Title order={2} fz="lg">
          {t('rolesPage.capabilitiesTitle')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('rolesPage.capabilitiesDescription')}
        </Text>
        <CapabilityMatrix />
      </Card>
    </Stack>
  );
}
