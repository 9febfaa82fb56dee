import type { TMember } from '@kap/shared';
import { ActionIcon, Avatar, Group, Select, Skeleton, Stack, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserMinus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { RoleBadge } from '../../components/role-badge.tsx';
import { isRole, roleOptions } from '../../components/role-options.ts';
import { describeError } from '../../lib/error-message.ts';
import { initialsOf } from '../../lib/initials.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useCurrentMe } from '../auth/me-context.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { useMembers, useRemoveMember, useUpdateMemberRole } from './use-members.ts';
import { useSetMemberTeam, useTeams } from './use-teams.ts';

export function MembersTable() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const permissions = usePermissions();
  const { formatDate } = useFormat();
  const membersQuery = useMembers();
  const updateRole = useUpdateMemberRole();
  const removeMember = useRemoveMember();
  const [toRemove, setToRemove] = useState<TMember | null>(null);
  const canManage = permissions.has('users:manage');
  const teamsQuery = useTeams();
  const setMemberTeam = useSetMemberTeam();
  const teams = teamsQuery.data?.data ?? [];
  const teamOptions = [
    { value: '', label: t('teams.none') },
    ...teams.map((team) => ({ value: team.id, label: team.name })),
  ];
  const changeTeam = (member: TMember, value: string | null) => {
    const teamId = value || null;
    if (teamId === member.teamId) return;
    setMemberTeam.mutate(
      { userId: member.userId, teamId },
      {
        onSuccess: () =>
          notifications.show({ color: 'teal', message: t('teams.changed', { name: member.name }) }),
        onError: (error) =>
          notifications.show({ color: 'red', title: t('teams.failed'), message: describeError(error, t) }),
      },
    );
  };

  if (membersQuery.isPending)
    return (
      <Stack gap="xs">
        {[0, 1, 2].map((row) => (
          <Skeleton key={row} h={44} />
        ))}
      </Stack>
    );
  if (membersQuery.isError)
    return <ErrorState error={membersQuery.error} onRetry={() => void membersQuery.refetch()} />;

  const changeRole = (member: TMember, value: string | null) => {
    if (!isRole(value) || value === member.role) return;
    updateRole.mutate(
      { userId: member.userId, role: value },
      {
        onSuccess: () =>
          notifications.show({
            color: 'teal',
            message: t('members.roleChanged', { name: member.name, role: t(`roles.${value}`) }),
          }),
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: t('members.roleChangeFailed'),
            message: describeError(error, t),
          }),
      },
    );
  };

  const confirmRemove = () => {
    if (!toRemove) return;
    const member = toRemove;
    removeMember.mutate(member.userId, {
      onSuccess: () =>
        notifications.show({ color: 'teal', message: t('members.removed', { name: member.name }) }),
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: t('members.removeFailed'),
          message: describeError(error, t),
        }),
      onSettled: () => setToRemove(null),
    });
  };

  return (
    <>
      <Table.ScrollContainer minWidth={780}>
        <Table verticalSpacing="sm" data-testid="members-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fields.name')}</Table.Th>
              <Table.Th>{t('members.role')}</Table.Th>
              <Table.Th>{t('teams.column')}</Table.Th>
              <Table.Th>{t('members.joined')}</Table.Th>
              <Table.Th w={60} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {membersQuery.members.map((member) => {
              const isSelf = member.userId === me.user?.id;
              const isEditable = canManage && !isSelf && permissions.canAssign(member.role);
              return (
                <Table.Tr key={member.userId} data-testid="member-row">
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <Avatar size={32} radius="xl" color="initials" name={member.name}>
                        {initialsOf(member.name)}
                      </Avatar>
                      <div style={{ minWidth: 0 }}>
                        <Text size="sm" fw={600} truncate>
                          {member.name}{' '}
                          {isSelf && (
                            <Text span c="dimmed" size="xs">
                              ({t('members.you')})
                            </Text>
                          )}
                        </Text>
                        <Text size="xs" c="dimmed" truncate>
                          {member.email}
                        </Text>
                      </div>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {isEditable ? (
                      <Select
                        size="xs"
                        w={160}
                        aria-label={t('members.role')}
                        data={roleOptions(t, permissions.canAssign)}
                        value={member.role}
                        onChange={(value) => changeRole(member, value)}
                        allowDeselect={false}
                        data-testid="member-role"
                      />
                    ) : (
                      <RoleBadge role={member.role} />
                    )}
                  </Table.Td>
                  <Table.Td>
                    {canManage ? (
                      <Select
                        size="xs"
                        w={160}
                        aria-label={t('teams.column')}
                        data={teamOptions}
                        value={member.teamId ?? ''}
                        onChange={(value) => changeTeam(member, value)}
                        allowDeselect={false}
                        data-testid="member-team"
                      />
                    ) : (
                      <Text size="sm">
                        {teams.find((team) => team.id === member.teamId)?.name ?? t('teams.none')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {formatDate(member.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {isEditable && (
                      <Tooltip label={t('members.remove')}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          onClick={() => setToRemove(member)}
                          aria-label={t('members.remove')}
                        >
                          <IconUserMinus size={16} />
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
      <ConfirmModal
        opened={toRemove !== null}
        danger
        title={t('members.removeTitle')}
        message={t('members.removeMessage', { name: toRemove?.name ?? '' })}
        confirmLabel={t('members.remove')}
        isLoading={removeMember.isPending}
        onConfirm={confirmRemove}
        onClose={() => setToRemove(null)}
      />
    </>
  );
}
