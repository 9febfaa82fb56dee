import type { TImport, TImportStatus } from '@kap/shared';
import { Badge, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/use-format.ts';
import { isImportActive } from './imports-api.ts';

const STATUS_COLORS: Record<TImportStatus, string> = {
  uploaded: 'gray',
  queued: 'blue',
  running: 'blue',
  completed: 'teal',
  failed: 'red',
  cancelled: 'orange',
  undone: 'grape',
};

export function ImportStatusBadge({ status }: { status: TImportStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" tt="none" data-testid="import-status">
      {t(`imports.status.${status}`)}
    </Badge>
  );
}

function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return h > 0
    ? `${h}:${String(m).padStart(2, '0')}:${String(rest).padStart(2, '0')}`
    : `${m}:${String(rest).padStart(2, '0')}`;
}

type TProgressFields = Pick<
  TImport,
  'status' | 'processed' | 'total' | 'percent' | 'rowsPerSecond' | 'etaSeconds'
>;

/** The bar of a running (or finished) import: rows done of the (estimated) total, rows/s, time left. */
export function ImportProgress({ item, size = 'lg' }: { item: TProgressFields; size?: 'sm' | 'lg' }) {
  const { t } = useTranslation();
  const { formatNumber } = useFormat();
  const isActive = isImportActive(item.status);
  const percent = item.status === 'completed' ? 100 : Math.min(100, Math.max(0, item.percent));
  return (
    <Stack gap={4} data-testid="import-progress">
      <Progress
        value={percent}
        size={size === 'lg' ? 'xl' : 'sm'}
        striped={isActive}
        animated={isActive}
        color={item.status === 'failed' ? 'red' : item.status === 'completed' ? 'teal' : 'blue'}
        aria-label={t('imports.progress.label')}
        data-testid="import-progress-bar"
        data-percent={Math.round(percent)}
      />
      <Group gap="md" justify="space-between">
        <Text size={size === 'lg' ? 'sm' : 'xs'} data-testid="import-rows-done">
          {item.total !== null
            ? t('imports.progress.rowsOf', {
                done: formatNumber(item.processed),
                total: formatNumber(Math.max(item.total, item.processed)),
              })
            : t('imports.progress.rows', { done: formatNumber(item.processed) })}
          {' · '}
          {Math.round(percent)}%
        </Text>
        {isActive && (
          <Group gap="md">
            {item.rowsPerSecond !== null && (
              <Text size={size === 'lg' ? 'sm' : 'xs'} c="dimmed" data-testid="import-rate">
                {t('imports.progress.rate', { rate: formatNumber(Math.round(item.rowsPerSecond)) })}
              </Text>
            )}
            {item.etaSeconds !== null && (
              <Text size={size === 'lg' ? 'sm' : 'xs'} c="dimmed" data-testid="import-eta">
                {t('imports.progress.eta', { time: formatDuration(item.etaSeconds) })}
              </Text>
            )}
          </Group>
        )}
      </Group>
    </Stack>
  );
}
