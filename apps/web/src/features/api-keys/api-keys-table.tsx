import type { TApiKey } from '@kap/shared';
import { Badge, Button, Code, EmptyState, Group, Skeleton, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { RoleBadge } from '../../components/role-badge.tsx';
import { describeError } from '../../lib/error-message.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useApiKeys, useRevokeApiKey } from './use-api-keys.ts';

export function ApiKeysTable() {
  const { t } = useTranslation();
  const { formatDate, formatRelative } = useFormat();
  const query = useApiKeys();
  const revoke = useRevokeApiKey();
  const [toRevoke, setToRevoke] = useState<TApiKey | null>(null);

  if (query.isPending) return <Skeleton h={120} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const keys = query.data.data;
  if (keys.length === 0) {
    return (
      <EmptyState
        withIndicatorBackground
        icon={<IconKey size={26} />}
        title={t('apiKeys.emptyTitle')}
        description={t('apiKeys.emptyDescription')}
        py="xl"
        data-testid="api-keys-empty"
      />
    );
  }

  const confirmRevoke = () => {
    if (!toRevoke) return;
    const apiKey = toRevoke;
    revoke.mutate(apiKey.id, {
      onSuccess: () =>
        notifications.show({ color: 'teal', message: t('apiKeys.revoked', { name: apiKey.name }) }),
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: t('apiKeys.revokeFailed'),
          message: describeError(error, t),
        }),
      onSettled: () => setToRevoke(null),
    });
  };

  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="sm" data-testid="api-keys-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fields.name')}</Table.Th>
              <Table.Th>{t('apiKeys.key')}</Table.Th>
              <Table.Th>{t('members.role')}</Table.Th>
              <Table.Th>{t('fields.createdAt')}</Table.Th>
              <Table.Th>{t('apiKeys.lastUsed')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.map((apiKey) => (
              <Table.Tr key={apiKey.id} data-testid="api-key-row" opacity={apiKey.revokedAt ? 0.6 : 1}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {apiKey.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Code>{apiKey.prefix}…</Code>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <RoleBadge role={apiKey.role} />
                    {apiKey.scopes.includes('events:write') && (
                      <Badge variant="light" color="grape" data-testid="api-key-scope">
                        {t('apiKeys.eventsOnlyBadge')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {formatDate(apiKey.createdAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {apiKey.lastUsedAt ? formatRelative(apiKey.lastUsedAt) : t('apiKeys.neverUsed')}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  {apiKey.revokedAt ? (
                    <Badge color="gray" variant="outline">
                      {t('apiKeys.revokedBadge')}
                    </Badge>
                  ) : (
                    <Button
                      size="xs"
                      color="red"
                      variant="subtle"
                      onClick={() => setToRevoke(apiKey)}
                      data-testid="revoke-api-key"
                    >
                      {t('apiKeys.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmModal
        opened={toRevoke !== null}
        danger
        title={t('apiKeys.revokeTitle')}
        message={t('apiKeys.revokeMessage', { name: toRevoke?.name ?? '' })}
        confirmLabel={t('apiKeys.revoke')}
        isLoading={revoke.isPending}
        onConfirm={confirmRevoke}
        onClose={() => setToRevoke(null)}
      />
    </>
  );
}
