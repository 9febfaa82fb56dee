import type { TInvitation } from '@kap/shared';
import { ActionIcon, Badge, Skeleton, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/error-state.tsx';
import { RoleBadge } from '../../components/role-badge.tsx';
import { describeError } from '../../lib/error-message.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useInvitations, useRevokeInvitation } from './use-members.ts';

type TStatus = 'pending' | 'accepted' | 'expired';

function statusOf(invitation: TInvitation): TStatus {
  if (invitation.acceptedAt) return 'accepted';
  return new Date(invitation.expiresAt).getTime() < Date.now() ? 'expired' : 'pending';
}

const STATUS_COLORS: Record<TStatus, string> = { pending: 'yellow', accepted: 'teal', expired: 'gray' };

export function InvitationsTable() {
  const { t } = useTranslation();
  const { formatDate } = useFormat();
  const query = useInvitations();
  const revoke = useRevokeInvitation();

  if (query.isPending) return <Skeleton h={80} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const invitations = query.data.data;
  if (invitations.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="invitations-empty">
        {t('invitations.empty')}
      </Text>
    );
  }

  return (
    <Table.ScrollContainer minWidth={620}>
      <Table verticalSpacing="sm" data-testid="invitations-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.email')}</Table.Th>
            <Table.Th>{t('members.role')}</Table.Th>
            <Table.Th>{t('invitations.status')}</Table.Th>
            <Table.Th>{t('invitations.expires')}</Table.Th>
            <Table.Th w={60} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invitations.map((invitation) => {
            const status = statusOf(invitation);
            return (
              <Table.Tr key={invitation.id} data-testid="invitation-row">
                <Table.Td>
                  <Text size="sm">{invitation.email}</Text>
                </Table.Td>
                <Table.Td>
                  <RoleBadge role={invitation.role} />
                </Table.Td>
                <Table.Td>
                  <Badge variant="dot" color={STATUS_COLORS[status]}>
                    {t(`invitations.statuses.${status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {formatDate(invitation.expiresAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {status === 'pending' && (
                    <Tooltip label={t('invitations.revoke')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('invitations.revoke')}
                        loading={revoke.isPending && revoke.variables === invitation.id}
                        onClick={() =>
                          revoke.mutate(invitation.id, {
                            onSuccess: () =>
                              notifications.show({
                                color: 'teal',
                                message: t('invitations.revoked', { email: invitation.email }),
                              }),
                            onError: (error) =>
                              notifications.show({
                                color: 'red',
                                title: t('invitations.revokeFailed'),
                                message: describeError(error, t),
                              }),
                          })
                        }
                        data-testid="revoke-invitation"
                      >
                        <IconX size={16} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
