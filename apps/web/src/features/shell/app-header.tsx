import { ActionIcon, Burger, Button, Group, Kbd, Text } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitcher } from '../../components/language-switcher.tsx';
import { Logo } from '../../components/logo.tsx';
import { useCurrentMe } from '../auth/me-context.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { NotificationsBell } from '../c360/notifications-bell.tsx';
import { QuickCreateModal } from '../c360/quick-create-modal.tsx';
import { SearchModal } from '../c360/search-modal.tsx';
import { UserMenu } from './user-menu.tsx';
import { WorkspaceSwitcher } from './workspace-switcher.tsx';

type TAppHeaderProps = { isNavOpen: boolean; onToggleNav: () => void };

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function AppHeader({ isNavOpen, onToggleNav }: TAppHeaderProps) {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const permissions = usePermissions();
  const [isSearchOpen, searchModal] = useDisclosure(false);
  const [isCreateOpen, createModal] = useDisclosure(false);
  const canCreate = permissions.canWrite('people') || permissions.canWrite('companies');
  // Ctrl/⌘-K works even while typing in a field; "n" only when no field has focus.
  useHotkeys([['mod+K', searchModal.open]], []);
  useHotkeys([['n', () => canCreate && !isSearchOpen && createModal.open()]]);
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0, overflow: 'hidden' }}>
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
      <Button
        variant="default"
        color="gray"
        visibleFrom="sm"
        onClick={searchModal.open}
        leftSection={<IconSearch size={16} />}
        rightSection={<Kbd size="xs">{isMac ? '⌘' : 'Ctrl'} K</Kbd>}
        styles={{
          root: { flex: '0 1 320px', fontWeight: 400 },
          inner: { justifyContent: 'space-between' },
          label: { color: 'var(--mantine-color-dimmed)', flex: 1 },
        }}
        data-testid="global-search-button"
      >
        {t('c360.search.button')}
      </Button>
      <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          hiddenFrom="sm"
          onClick={searchModal.open}
          aria-label={t('c360.search.button')}
        >
          <IconSearch size={20} />
        </ActionIcon>
        <NotificationsBell />
        <LanguageSwitcher size="xs" />
        <UserMenu />
      </Group>
      <SearchModal opened={isSearchOpen} onClose={searchModal.close} />
      {isCreateOpen && <QuickCreateModal opened onClose={createModal.close} />}
    </Group>
  );
}
