import { Button, Center, EmptyState } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../lib/error-message.ts';

type TErrorStateProps = {
  error: unknown;
  onRetry?: () => void;
  /** Another way out, e.g. back to the list when the record is gone. */
  action?: ReactNode;
  title?: string;
  fullPage?: boolean;
};

export function ErrorState({ error, onRetry, action, title, fullPage = false }: TErrorStateProps) {
  const { t } = useTranslation();
  const content = (
    <EmptyState
      data-testid="error-state"
      variant="light"
      color="red"
      icon={<IconAlertTriangle size={28} />}
      title={title ?? t('common.loadFailed')}
      description={describeError(error, t)}
      py="xl"
    >
      {(onRetry || action) && (
        <EmptyState.Actions>
          {onRetry && (
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              onClick={onRetry}
              data-testid="retry-button"
            >
              {t('common.retry')}
            </Button>
          )}
          {action}
        </EmptyState.Actions>
      )}
    </EmptyState>
  );
  return fullPage ? <Center h="100dvh">{content}</Center> : content;
}
