import type { TAuditEntry } from '@kap/shared';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Center,
  EmptyState,
  Group,
  Skeleton,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconHistory } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../components/error-state.tsx';
import { useFormat } from '../../lib/use-format.ts';
import type { TAuditFilters } from './audit-api.ts';
import { AuditDiff } from './audit-diff.tsx';
import { actionColor, actionLabel, recordTypeLabel } from './audit-labels.ts';
import { useAuditLog } from './use-audit-log.ts';

type TAuditTableProps = { filters: TAuditFilters; showRecord?: boolean; pageSize?: number };

function RecordCell({ entry }: { entry: TAuditEntry }) {
  const { t } = useTranslation();
  const shortId = entry.recordId.slice(0, 8);
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm">{recordTypeLabel(entry.recordType, t)}</Text>
      {entry.recordType === 'person' && entry.action !== 'person.delete' ? (
        <Anchor component={Link} to={`/contacts/${entry.recordId}`} size="xs" ff="monospace">
          {shortId}
        </Anchor>
      ) : (
        <Text size="xs" c="dimmed" ff="monospace">
          {shortId}
        </Text>
      )}
    </Group>
  );
}

function ActorCell({ entry }: { entry: TAuditEntry }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" truncate>
        {entry.actorName ?? (entry.actorType === 'system' ? t('audit.system') : t('audit.unknownActor'))}
      </Text>
      {entry.actorType === 'apiKey' && (
        <Badge size="xs" variant="outline" color="gray">
          {t('audit.apiKey')}
        </Badge>
      )}
    </Group>
  );
}

export function AuditTable({ filters, showRecord = true, pageSize }: TAuditTableProps) {
  const { t } = useTranslation();
  const { formatDateTime, formatRelative } = useFormat();
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const query = useAuditLog(filters, { pageSize });
  const entries = query.data?.pages.flatMap((page) => page.data) ?? [];

  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  if (query.isPending) {
    return (
      <Stack gap="xs" data-testid="audit-loading">
        {[0, 1, 2, 3].map((row) => (
          <Skeleton key={row} h={36} />
        ))}
      </Stack>
    );
  }
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (entries.length === 0) {
    return (
      <EmptyState
        withIndicatorBackground
        icon={<IconHistory size={26} />}
        title={t('audit.emptyTitle')}
        description={t('audit.emptyDescription')}
        py="xl"
        data-testid="audit-empty"
      />
    );
  }

  const columnCount = showRecord ? 5 : 4;
  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" data-testid="audit-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40} />
              <Table.Th>{t('audit.when')}</Table.Th>
              <Table.Th>{t('audit.actor')}</Table.Th>
              <Table.Th>{t('audit.action')}</Table.Th>
              {showRecord && <Table.Th>{t('audit.record')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => {
              const isOpen = expanded.has(entry.id);
              return (
                <Fragment key={entry.id}>
                  <Table.Tr data-testid="audit-row">
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        onClick={() => toggle(entry.id)}
                        aria-expanded={isOpen}
                        aria-label={isOpen ? t('audit.hideChanges') : t('audit.showChanges')}
                        data-testid="audit-expand"
                      >
                        {isOpen ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                      </ActionIcon>
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label={formatDateTime(entry.occurredAt)}>
                        <Text size="sm" span>
                          {formatRelative(entry.occurredAt)}
                        </Text>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td>
                      <ActorCell entry={entry} />
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={actionColor(entry.action)} radius="sm">
                        {actionLabel(entry.action, t)}
                      </Badge>
                    </Table.Td>
                    {showRecord && (
                      <Table.Td>
                        <RecordCell entry={entry} />
                      </Table.Td>
                    )}
                  </Table.Tr>
                  {isOpen && (
                    <Table.Tr>
                      <Table.Td colSpan={columnCount} bg="gray.0">
                        <AuditDiff before={entry.before} after={entry.after} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {query.hasNextPage && (
        <Center>
          <Button
            variant="default"
            onClick={() => void query.fetchNextPage()}
            loading={query.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Center>
      )}
    </Stack>
  );
}
