import { Stack, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PageHeader } from '../components/page-header.tsx';
import { usePermissions } from '../features/auth/use-permissions.ts';
import { SETTINGS_TABS } from '../features/shell/settings-tabs.ts';

const TAB_KEYS = {
  profile: 'settings.tabs.profile',
  members: 'settings.tabs.members',
  roles: 'settings.tabs.roles',
  'custom-fields': 'settings.tabs.customFields',
  contacts: 'settings.tabs.contacts',
  pipelines: 'settings.tabs.pipelines',
  'api-keys': 'settings.tabs.apiKeys',
  'audit-log': 'settings.tabs.auditLog',
  outbox: 'settings.tabs.outbox',
} as const;

export function SettingsLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const permissions = usePermissions();
  const current = pathname.split('/')[2] ?? 'profile';
  const tabs = SETTINGS_TABS.filter((item) => !item.capability || permissions.has(item.capability));

  return (
    <Stack gap="lg">
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      <Tabs
        value={current}
        onChange={(value) => value && void navigate(`/settings/${value}`)}
        keepMounted={false}
      >
        <Tabs.List>
          {tabs.map((item) => (
            <Tabs.Tab
              key={item.tab}
              value={item.tab}
              leftSection={<item.icon size={16} />}
              data-testid={`settings-tab-${item.tab}`}
            >
              {t(TAB_KEYS[item.tab])}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </Stack>
  );
}
