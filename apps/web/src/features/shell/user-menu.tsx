import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RoleBadge } from '../../components/role-badge.tsx';
import { initialsOf } from '../../lib/initials.ts';
import { useCurrentMe } from '../auth/me-context.ts';
import { useSessionActions } from '../auth/use-session-actions.ts';

export function UserMenu() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const { signOut } = useSessionActions();
  const displayName = me.user?.name ?? me.apiKey?.name ?? '';

  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton data-testid="user-menu" aria-label={t('userMenu.open')} style={{ borderRadius: 999 }}>
          <Group gap={6} wrap="nowrap">
            <Avatar color="indigo" radius="xl" size={34} name={displayName}>
              {initialsOf(displayName)}
            </Avatar>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Group px="sm" py={8} gap={4} style={{ flexDirection: 'column', alignItems: 'flex-start' }}>
          <Text fw={600} size="sm" truncate maw="100%" data-testid="user-name">
            {displayName}
          </Text>
          {me.user && (
            <Text size="xs" c="dimmed" truncate maw="100%">
              {me.user.email}
            </Text>
          )}
          <RoleBadge role={me.role} />
        </Group>
        <Menu.Divider />
        <Menu.Item component={Link} to="/settings/profile" leftSection={<IconUserCircle size={16} />}>
          {t('userMenu.profile')}
        </Menu.Item>
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={16} />}
          onClick={() => void signOut()}
          data-testid="logout-button"
        >
          {t('userMenu.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
