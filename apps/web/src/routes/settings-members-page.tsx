import { Card, Divider, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { InvitationsTable } from '../features/members/invitations-table.tsx';
import { InviteForm } from '../features/members/invite-form.tsx';
import { MembersTable } from '../features/members/members-table.tsx';
import { TeamsCard } from '../features/members/teams-card.tsx';

export function SettingsMembersPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const canManage = permissions.has('users:manage');
  return (
    <Stack gap="lg">
      {canManage && (
        <Card>
          <Title order={2} fz="lg">
            {t('invitations.title')}
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            {t('invitations.description')}
          </Text>
          <InviteForm />
          <Divider my="lg" />
          <InvitationsTable />
        </Card>
      )}
      <Card>
        <Title order={2} fz="lg" mb="md">
          {t('members.title')}
        </Title>
        <MembersTable />
      </Card>
      <TeamsCard canManage={canManage} />
    </Stack>
  );
}
