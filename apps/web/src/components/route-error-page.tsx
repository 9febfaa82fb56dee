import { Button, Center, EmptyState, Stack } from '@mantine/core';
import { IconBug } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';

/** Last line of defence: a render error or a failed chunk load shows this instead of a blank page. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  const isNotFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <Center h="100dvh" p="md">
      <Stack align="center">
        <EmptyState
          variant="light"
          color={isNotFound ? 'gray' : 'red'}
          icon={<IconBug size={28} />}
          title={isNotFound ? t('notFound.title') : t('crash.title')}
          description={isNotFound ? t('notFound.description') : t('crash.description')}
        >
          <EmptyState.Actions>
            <Button onClick={() => window.location.assign('/')}>{t('crash.reload')}</Button>
          </EmptyState.Actions>
        </EmptyState>
      </Stack>
    </Center>
  );
}
