import type { TExportFormat, TExportObjectType } from '@kap/shared';
import { Button, Checkbox, Popover, Radio, SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/error-message.ts';
import { startExport, type TExportCriteria } from './exports-api.ts';

type TProps = {
  objectType: TExportObjectType;
  criteria: TExportCriteria;
  /** The columns the list shows, in order (exported for "visible columns"). */
  visibleColumns: readonly string[];
  /** A selection (bulk action) rather than the whole list. */
  isSelection?: boolean;
  testId?: string;
};

/**
 * "Export" on a list: CSV or Excel, the visible columns or every field, an optional byte order
 * mark for Excel. Exports exactly what the list shows (its filter, view, sort and search), or the
 * selected rows.
 */
export function ExportMenu({
  objectType,
  criteria,
  visibleColumns,
  isSelection = false,
  testId = 'export-button',
}: TProps) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const [format, setFormat] = useState<TExportFormat>('csv');
  const [columns, setColumns] = useState<'visible' | 'all'>('visible');
  const [hasBom, setBom] = useState(false);
  const [isBusy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      await startExport(objectType, criteria, {
        format,
        columns: columns === 'all' ? 'all' : visibleColumns,
        bom: format === 'csv' && hasBom,
      });
      notifications.show({ color: 'teal', message: t('exports.started') });
      setOpen(false);
    } catch (error) {
      notifications.show({ color: 'red', title: t('exports.failed'), message: describeError(error, t) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Popover opened={isOpen} onChange={setOpen} position="bottom-end" shadow="md" width={280} withArrow>
      <Popover.Target>
        <Button
          variant={isSelection ? 'light' : 'default'}
          size={isSelection ? 'xs' : 'sm'}
          leftSection={<IconDownload size={16} />}
          onClick={() => setOpen((open) => !open)}
          data-testid={testId}
        >
          {isSelection ? t('exports.exportSelected') : t('exports.button')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="export-menu">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {isSelection ? t('exports.selectionHint') : t('exports.listHint')}
          </Text>
          <SegmentedControl
            fullWidth
            value={format}
            onChange={(value) => setFormat(value as TExportFormat)}
            data={[
              { value: 'csv', label: t('exports.csv') },
              { value: 'xlsx', label: t('exports.xlsx') },
            ]}
            data-testid="export-format"
          />
          <Radio.Group
            label={t('exports.columns')}
            value={columns}
            onChange={(value) => setColumns(value as 'visible' | 'all')}
          >
            <Stack gap={6} mt={6}>
              <Radio
                value="visible"
                label={t('exports.visibleColumns')}
                data-testid="export-columns-visible"
              />
              <Radio value="all" label={t('exports.allColumns')} data-testid="export-columns-all" />
            </Stack>
          </Radio.Group>
          {format === 'csv' && (
            <Checkbox
              checked={hasBom}
              onChange={(event) => setBom(event.currentTarget.checked)}
              label={t('exports.bom')}
              description={t('exports.bomHint')}
              data-testid="export-bom"
            />
          )}
          <Button
            onClick={() => void run()}
            loading={isBusy}
            leftSection={<IconDownload size={16} />}
            data-testid="export-download"
          >
            {t('exports.download')}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
