import { Card, EmptyState } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export function NoAccess() {
  const { t } = useTranslation();
  return (
    <Card>
      <EmptyState
        withIndicatorBackground
        icon={<IconLock size={26} />}
        title={t('noAccess.title')}
        description={t('noAccess.description')}
        py={40}
        data-testid="no-access"
      />
    </Card>
  );
}
