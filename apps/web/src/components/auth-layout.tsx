import { Box, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import classes from './auth-layout.module.css';
import { LanguageSwitcher } from './language-switcher.tsx';
import { Logo } from './logo.tsx';

type TAuthLayoutProps = {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
};

export function AuthLayout({ title, subtitle, children, footer }: TAuthLayoutProps) {
  useDocumentTitle(title.includes('Kap') ? title : `${title} · Kap`);
  return (
    <Box className={classes.page}>
      <Group justify="space-between" px={{ base: 'md', sm: 'xl' }} py="md">
        <Logo />
        <LanguageSwitcher />
      </Group>
      <Container size={460} py={{ base: 'md', sm: 48 }} px="md">
        <Paper withBorder shadow="md" p={{ base: 'lg', sm: 36 }} radius="lg" className={classes.card}>
          <Stack gap={6} mb="xl">
            <Title order={1} fz={26}>
              {title}
            </Title>
            {subtitle && (
              <Text c="dimmed" size="sm">
                {subtitle}
              </Text>
            )}
          </Stack>
          {children}
        </Paper>
        {footer && (
          <Text ta="center" size="sm" mt="lg" c="dimmed">
            {footer}
          </Text>
        )}
      </Container>
    </Box>
  );
}
