import type { TImport } from '@kap/shared';
import { Alert, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconDownload, IconPlayerStop } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { describeError } from '../../lib/error-message.ts';
import { useFormat } from '../../lib/use-format.ts';
import { ImportProgress, ImportStatusBadge } from './import-progress.tsx';
import { cancelImport, isImportActive, rejectedRowsUrl, undoImport } from './imports-api.ts';
import { OutcomeCounts } from './outcome-counts.tsx';

const LIST_PATHS = {
  person: '/contacts',
  company: '/companies',
  activity: '/contacts',
  product: '/products',
  order: '/orders',
} as const;

/**
 * Step 4: the running import (bar, rows done, rows/s, time left, cancel). The page may be left:
 * the import runs on the server and the imports list shows its bar. At the end: what happened,
 * the rejected rows to download, and undo.
 */
export function RunStep({ item }: { item: TImport }) {
  const { t } = useTranslation();
  const { formatDateTime } = useFormat();
  const queryClient = useQueryClient();
  const [isUndoOpen, setUndoOpen] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const isActive = isImportActive(item.status);

  const act = async (work: () => Promise<TImport>, done: string) => {
    setBusy(true);
    try {
      queryClient.setQueryData(['imports', 'one', item.id], await work());
      await queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
      notifications.show({ color: 'teal', message: done });
    } catch (error) {
      notifications.show({ color: 'red', message: describeError(error, t) });
    } finally {
      setBusy(false);
      setUndoOpen(false);
    }
  };

  return (
    <Stack gap="lg" data-testid="import-run">
      <Group justify="space-between">
        <Group gap="sm">
          <ImportStatusBadge status={item.status} />
          <Text size="sm" c="dimmed">
            {item.fileName}
            {item.finishedAt &&
              ` · ${t('imports.run.finishedAt', { time: formatDateTime(item.finishedAt) })}`}
          </Text>
        </Group>
        {isActive && (
          <Button
            color="red"
            variant="light"
            leftSection={<IconPlayerStop size={16} />}
            onClick={() => void act(() => cancelImport(item.id), t('imports.run.cancelled'))}
            loading={isBusy}
            disabled={item.cancelRequested}
            data-testid="import-cancel"
          >
            {item.cancelRequested ? t('imports.run.cancelling') : t('imports.run.cancel')}
          </Button>
        )}
      </Group>
      <ImportProgress item={item} />
      {isActive && (
        <Text size="sm" c="dimmed">
          {t('imports.run.canLeave')}
        </Text>
      )}
      <SimpleGrid cols={{ base: 2, sm: 4 }} data-testid="import-summary-counts">
        <OutcomeCounts counts={item} />
      </SimpleGrid>
      {item.status === 'failed' && (
        <Alert color="red" title={t('imports.run.failed')}>
          {item.failureReason}
        </Alert>
      )}
      {item.errors.length > 0 && (
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {t('imports.run.firstRejected')}
          </Text>
          {item.errors.slice(0, 5).map((error) => (
            <Text key={`${error.row}-${error.column}`} size="sm" c="dimmed">
              {t('imports.run.rejectedRow', { row: error.row })}
              {error.column ? ` (${error.column})` : ''}: {error.reason}
            </Text>
          ))}
        </Stack>
      )}
      {!isActive && (
        <Group gap="sm">
          {item.rejected > 0 && (
            <Button
              component="a"
              href={rejectedRowsUrl(item.id)}
              download
              variant="default"
              leftSection={<IconDownload size={16} />}
              data-testid="import-download-rejected"
            >
              {t('imports.run.downloadRejected')}
            </Button>
          )}
          {(item.status === 'completed' || item.status === 'cancelled' || item.status === 'failed') &&
            item.created + item.updated > 0 && (
              <Button
                variant="default"
                color="red"
                leftSection={<IconArrowBackUp size={16} />}
                onClick={() => setUndoOpen(true)}
                data-testid="import-undo"
              >
                {t('imports.run.undo')}
              </Button>
            )}
          {item.status !== 'undone' && (
            <Button
              component={Link}
              to={LIST_PATHS[item.objectType]}
              variant="light"
              data-testid="import-open-list"
            >
              {t(`imports.run.open.${item.objectType}`)}
            </Button>
          )}
        </Group>
      )}
      <ConfirmModal
        opened={isUndoOpen}
        danger
        title={t('imports.run.undoTitle')}
        message={t('imports.run.undoMessage', { created: item.created, updated: item.updated })}
        confirmLabel={t('imports.run.undo')}
        isLoading={isBusy}
        onConfirm={() => void act(() => undoImport(item.id), t('imports.run.undone'))}
        onClose={() => setUndoOpen(false)}
      />
    </Stack>
  );
}
