import type { TImport, TImportPreviewRow, TImportRowOutcome } from '@kap/shared';
import { Alert, Badge, Button, Group, Loader, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/error-message.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useMembers } from '../members/use-members.ts';
import classes from './imports.module.css';
import { previewImport, startImport } from './imports-api.ts';
import { OutcomeCounts } from './outcome-counts.tsx';

const OUTCOME_COLORS: Record<TImportRowOutcome, string> = {
  create: 'teal',
  update: 'blue',
  skip: 'gray',
  reject: 'red',
};

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(valueText).filter(Boolean).join(', ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.email === 'string') return record.email;
    if (typeof record.number === 'string') return record.number;
    return Object.values(record).map(valueText).filter(Boolean).join(' ');
  }
  return String(value);
}

/** The fields a preview row shows: the stored record's non-empty values, as text. */
function fieldsOf(row: TImportPreviewRow, memberName: (id: string) => string): [string, string][] {
  if (!row.values) return [];
  return Object.entries(row.values)
    .map(([key, value]): [string, string] => [
      key,
      key === 'ownerId' && typeof value === 'string' ? memberName(value) : valueText(value),
    ])
    .filter(([, text]) => text !== '')
    .slice(0, 6);
}

type TProps = { item: TImport; onBack: () => void; onStarted: (item: TImport) => void };

/** Step 3: the first rows as they will be stored, and what the file would do — nothing written yet. */
export function PreviewStep({ item, onBack, onStarted }: TProps) {
  const { t } = useTranslation();
  const { formatNumber } = useFormat();
  const { members } = useMembers();
  const memberName = (id: string) => members.find((m) => m.userId === id)?.name ?? '';
  const [isStarting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);
  const preview = useQuery({
    queryKey: ['imports', 'preview', item.id, item.mapping, item.match, item.mode],
    queryFn: () => previewImport(item.id),
    staleTime: Number.POSITIVE_INFINITY,
  });

  const start = async () => {
    setStarting(true);
    setStartError(null);
    try {
      onStarted(await startImport(item.id));
    } catch (caught) {
      setStartError(caught);
    } finally {
      setStarting(false);
    }
  };

  if (preview.isPending) {
    return (
      <Group justify="center" p="xl">
        <Loader />
        <Text c="dimmed">{t('imports.preview.checking')}</Text>
      </Group>
    );
  }
  if (preview.isError) {
    return (
      <Stack>
        <Alert color="red" title={t('imports.preview.failed')}>
          {describeError(preview.error, t)}
        </Alert>
        <Group>
          <Button variant="default" onClick={onBack}>
            {t('imports.wizard.back')}
          </Button>
        </Group>
      </Stack>
    );
  }
  const data = preview.data;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {data.isWholeFile
          ? t('imports.preview.wholeFile', { count: data.examined, formatted: formatNumber(data.examined) })
          : t('imports.preview.firstRows', { count: data.examined, formatted: formatNumber(data.examined) })}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }} data-testid="import-preview-counts">
        <OutcomeCounts counts={data} />
      </SimpleGrid>
      {data.newFields.length > 0 && (
        <Text size="sm">{t('imports.preview.newFields', { fields: data.newFields.join(', ') })}</Text>
      )}
      <Table.ScrollContainer minWidth={720}>
        <Table striped verticalSpacing="xs" data-testid="import-preview-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>{t('imports.preview.row')}</Table.Th>
              <Table.Th w={120}>{t('imports.preview.outcome')}</Table.Th>
              <Table.Th>{t('imports.preview.stored')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((row) => (
              <Table.Tr key={row.row} data-testid="import-preview-row" data-outcome={row.outcome}>
                <Table.Td>{row.row}</Table.Td>
                <Table.Td>
                  <Badge color={OUTCOME_COLORS[row.outcome]} variant="light" tt="none">
                    {t(`imports.outcomes.${row.outcome}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {row.outcome === 'reject' ? (
                    <Text size="sm" c="red">
                      {row.column ? `${row.column}: ` : ''}
                      {row.reason}
                    </Text>
                  ) : (
                    <Group gap="md" wrap="wrap">
                      {fieldsOf(row, memberName).map(([key, text]) => (
                        <Text key={key} size="sm" className={classes.sample}>
                          <Text span c="dimmed" size="xs">
                            {t(`imports.stored.${key as 'emails'}`, { defaultValue: key })}:{' '}
                          </Text>
                          {text}
                        </Text>
                      ))}
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {startError !== null && (
        <Alert color="red" title={t('imports.preview.startFailed')}>
          {describeError(startError, t)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onBack}>
          {t('imports.wizard.back')}
        </Button>
        <Button onClick={() => void start()} loading={isStarting} data-testid="import-start">
          {t('imports.preview.start')}
        </Button>
      </Group>
    </Stack>
  );
}
