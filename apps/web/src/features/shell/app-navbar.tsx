import { AppShell, Box, NavLink, ScrollArea, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, useLocation } from 'react-router';
import classes from './app-navbar.module.css';
import { MAIN_NAV, SETTINGS_NAV } from './nav-items.ts';

export function AppNavbar({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const isActive = (path: string) => pathname === path || pathname.startsWith(`${path}/`);

  return (
    <>
      <AppShell.Section grow component={ScrollArea} p="sm">
        <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="xs" pb={6} lts={0.6}>
          {t('nav.workspace')}
        </Text>
        <nav aria-label={t('nav.main')}>
          {MAIN_NAV.map((item) => (
            <NavLink
              key={item.section}
              component={RouterNavLink}
              to={item.path}
              label={t(`nav.${item.section}`)}
              leftSection={<item.icon size={19} stroke={1.7} />}
              active={isActive(item.path)}
              className={classes.link}
              onClick={onNavigate}
              data-testid={`nav-${item.section}`}
            />
          ))}
        </nav>
      </AppShell.Section>
      <AppShell.Section p="sm" className={classes.footer}>
        <Box>
          <NavLink
            component={RouterNavLink}
            to={SETTINGS_NAV.path}
            label={t('nav.settings')}
            leftSection={<SETTINGS_NAV.icon size={19} stroke={1.7} />}
            active={isActive(SETTINGS_NAV.path)}
            className={classes.link}
            onClick={onNavigate}
            data-testid="nav-settings"
          />
        </Box>
      </AppShell.Section>
    </>
  );
}
