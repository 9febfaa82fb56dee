import { Badge, Card, EmptyState, Stack } from '@mantine/core';
import { IconHammer } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TSection } from '../features/shell/nav-items.ts';
import { PageHeader } from './page-header.tsx';

/** Placeholder for sections of the CRM that do not exist yet — says so plainly. */
export function NotBuiltPage({ section }: { section: Exclude<TSection, 'contacts' | 'settings'> }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <PageHeader
        title={t(`nav.${section}`)}
        actions={
          <Badge variant="light" color="gray">
            {t('notBuilt.badge')}
          </Badge>
        }
      />
      <Card>
        <EmptyState
          data-testid="not-built"
          withIndicatorBackground
          icon={<IconHammer size={28} />}
          title={t('notBuilt.title')}
          description={t('notBuilt.description', { section: t(`nav.${section}`) })}
          py={48}
        />
      </Card>
    </Stack>
  );
}
