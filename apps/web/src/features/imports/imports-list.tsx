import type { TImportSummary } from '@kap/shared';
import { Anchor, EmptyState, Group, Table, Text } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../components/error-state.tsx';
import { useFormat } from '../../lib/use-format.ts';
import { useMembers } from '../members/use-members.ts';
import { ImportProgress, ImportStatusBadge } from './import-progress.tsx';
import { isImportActive } from './imports-api.ts';
import { useImports } from './use-imports.ts';

/**
 * Past and running imports, newest first: status, a moving bar with rows/s and time left while
 * running, then the counts and the rate it ran at; who, when.
 */
export function ImportsList() {
  const { t } = useTranslation();
  const { formatNumber, formatDateTime } = useFormat();
  const { members } = useMembers();
  const query = useImports();
  const nameOf = (id: string | null) => members.find((m) => m.userId === id)?.name ?? '';

  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const items: TImportSummary[] = query.data?.data ?? [];
  if (!query.isPending && items.length === 0) {
    return (
      <EmptyState
        icon={<IconFileImport size={28} />}
        title={t('imports.list.empty')}
        description={t('imports.list.emptyHint')}
        py="xl"
        data-testid="imports-empty"
      />
    );
  }
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="imports-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('imports.list.file')}</Table.Th>
            <Table.Th w={130}>{t('imports.list.status')}</Table.Th>
            <Table.Th w="30%">{t('imports.list.rows')}</Table.Th>
            <Table.Th>{t('imports.list.by')}</Table.Th>
            <Table.Th>{t('imports.list.when')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id} data-testid="imports-row" data-import-id={item.id}>
              <Table.Td>
                <Anchor component={Link} to={`/imports/${item.id}`} fw={600} size="sm">
                  {item.fileName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t(`imports.objectTypes.${item.objectType}`)}
                </Text>
              </Table.Td>
              <Table.Td>
                <ImportStatusBadge status={item.status} />
              </Table.Td>
              <Table.Td>
                {isImportActive(item.status) ? (
                  <ImportProgress item={item} size="sm" />
                ) : (
                  <Group gap="sm">
                    <Text size="sm" c="teal" title={t('imports.counts.created')}>
                      +{formatNumber(item.created)}
                    </Text>
                    <Text size="sm" c="blue" title={t('imports.counts.updated')}>
                      ~{formatNumber(item.updated)}
                    </Text>
                    <Text size="sm" c="dimmed" title={t('imports.counts.skipped')}>
                      ={formatNumber(item.skipped)}
                    </Text>
                    <Text
                      size="sm"
                      c={item.rejected > 0 ? 'red' : 'dimmed'}
                      title={t('imports.counts.rejected')}
                    >
                      ×{formatNumber(item.rejected)}
                    </Text>
                    {item.rowsPerSecond !== null && (
                      <Text size="xs" c="dimmed" data-testid="import-rate">
                        {t('imports.progress.rate', { rate: formatNumber(item.rowsPerSecond) })}
                      </Text>
                    )}
                  </Group>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{nameOf(item.createdBy)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {formatDateTime(item.createdAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
