import { Accordion, Badge, EmptyState, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconMailOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/error-state.tsx';
import { useFormat } from '../../lib/use-format.ts';
import { listOutbox } from './outbox-api.ts';
import classes from './outbox-list.module.css';

export function OutboxList() {
  const { t } = useTranslation();
  const { formatDateTime } = useFormat();
  const query = useQuery({ queryKey: ['outbox'], queryFn: listOutbox });

  if (query.isPending) return <Skeleton h={160} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.data.length === 0) {
    return (
      <EmptyState
        withIndicatorBackground
        icon={<IconMailOff size={26} />}
        title={t('outbox.emptyTitle')}
        description={t('outbox.emptyDescription')}
        py="xl"
        data-testid="outbox-empty"
      />
    );
  }

  return (
    <Accordion variant="separated" radius="md" data-testid="outbox-list">
      {query.data.data.map((mail) => (
        <Accordion.Item key={mail.id} value={mail.id} data-testid="outbox-item">
          <Accordion.Control>
            <Group justify="space-between" wrap="nowrap" gap="sm">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} truncate>
                  {mail.subject}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {t('outbox.to', { to: mail.to })} · {formatDateTime(mail.createdAt)}
                </Text>
              </Stack>
              <Badge variant="light" color={mail.sentAt ? 'teal' : 'gray'} style={{ flexShrink: 0 }}>
                {mail.sentAt ? t('outbox.sent') : t('outbox.notSent')}
              </Badge>
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <pre className={classes.body}>{mail.text}</pre>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
