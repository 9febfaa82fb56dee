import { Button, Card, EmptyState } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Card>
      <EmptyState
        withIndicatorBackground
        icon={<IconMapOff size={28} />}
        title={t('notFound.title')}
        description={t('notFound.description')}
        py={48}
        data-testid="not-found"
      >
        <EmptyState.Actions>
          <Button component={Link} to="/contacts">
            {t('notFound.goHome')}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Card>
  );
}
