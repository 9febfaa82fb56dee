import { Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';

type TPageHeaderProps = {
  title: ReactNode;
  /** Browser tab title; defaults to `title` when that is plain text. */
  documentTitle?: string;
  description?: ReactNode;
  actions?: ReactNode;
  order?: 1 | 2;
};

export function PageHeader({ title, documentTitle, description, actions, order = 1 }: TPageHeaderProps) {
  const tabTitle = documentTitle ?? (typeof title === 'string' ? title : undefined);
  useDocumentTitle(tabTitle ? `${tabTitle} · Kap` : 'Kap');
  return (
    <Group justify="space-between" align="flex-start" gap="md" wrap="wrap">
      <Stack gap={4} style={{ minWidth: 0, flex: '1 1 240px' }}>
        <Title order={order} fz={order === 1 ? 26 : 20} style={{ overflowWrap: 'anywhere' }}>
          {title}
        </Title>
        {description && (
          <Text c="dimmed" size="sm">
            {description}
          </Text>
        )}
      </Stack>
      {actions && (
        <Group gap="sm" wrap="wrap">
          {actions}
        </Group>
      )}
    </Group>
  );
}
