import { Burger, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitcher } from '../../components/language-switcher.tsx';
import { Logo } from '../../components/logo.tsx';
import { useCurrentMe } from '../auth/me-context.ts';
import { UserMenu } from './user-menu.tsx';
import { WorkspaceSwitcher } from './workspace-switcher.tsx';

type TAppHeaderProps = { isNavOpen: boolean; onToggleNav: () => void };

export function AppHeader({ isNavOpen, onToggleNav }: TAppHeaderProps) {
  const { t } = useTranslation();
  const me = useCurrentMe();
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
        <Burger
          opened={isNavOpen}
          onClick={onToggleNav}
          hiddenFrom="sm"
          size="sm"
          aria-label={t('nav.toggle')}
          data-testid="nav-burger"
        />
        <Link to="/contacts" style={{ color: 'inherit', textDecoration: 'none' }} aria-label={t('nav.home')}>
          <Logo />
        </Link>
        <Text c="gray.4" visibleFrom="xs" aria-hidden>
          /
        </Text>
        {me.workspaces.length > 1 ? (
          <WorkspaceSwitcher />
        ) : (
          <Text fw={600} size="sm" truncate data-testid="workspace-name" visibleFrom="xs">
            {me.workspace.name}
          </Text>
        )}
      </Group>
      <Group gap="sm" wrap="nowrap">
        <LanguageSwitcher size="xs" />
        <UserMenu />
      </Group>
    </Group>
  );
}
