import type { TTeam } from '@kap/shared';
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { describeError } from '../../lib/error-message.ts';
import { useMembers } from './use-members.ts';
import { useCreateTeam, useDeleteTeam, useRenameTeam, useTeams } from './use-teams.ts';

/** Teams decide what "team"-scope roles (sales) see: the records owned by anyone in their team. */
export function TeamsCard({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const teamsQuery = useTeams();
  const { members } = useMembers();
  const createTeam = useCreateTeam();
  const renameTeam = useRenameTeam();
  const deleteTeam = useDeleteTeam();
  const [name, setName] = useState('');
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);
  const [toDelete, setToDelete] = useState<TTeam | null>(null);
  const nameOf = (userId: string) => members.find((m) => m.userId === userId)?.name ?? userId;
  const fail = (error: unknown) =>
    notifications.show({ color: 'red', title: t('teams.failed'), message: describeError(error, t) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    createTeam.mutate(name.trim(), { onSuccess: () => setName(''), onError: fail });
  };
  const saveRename = (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    renameTeam.mutate(editing, { onSuccess: () => setEditing(null), onError: fail });
  };

  return (
    <Card data-testid="teams-card">
      <Title order={2} fz="lg">
        {t('teams.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('teams.description')}
      </Text>
      {teamsQuery.isError ? (
        <ErrorState error={teamsQuery.error} onRetry={() => void teamsQuery.refetch()} />
      ) : (
        <Stack gap="md">
          {canManage && (
            <form onSubmit={submit}>
              <Group align="flex-end" gap="sm">
                <TextInput
                  label={t('teams.name')}
                  placeholder={t('teams.namePlaceholder')}
                  value={name}
                  onChange={(event) => setName(event.currentTarget.value)}
                  data-testid="team-name"
                />
                <Button type="submit" loading={createTeam.isPending} data-testid="team-create">
                  {t('teams.create')}
                </Button>
              </Group>
            </form>
          )}
          {(teamsQuery.data?.data.length ?? 0) === 0 ? (
            <Text size="sm" c="dimmed">
              {t('teams.empty')}
            </Text>
          ) : (
            <Table verticalSpacing="sm">
              <Table.Tbody>
                {(teamsQuery.data?.data ?? []).map((team) => (
                  <Table.Tr key={team.id} data-testid="team-row">
                    <Table.Td w="30%">
                      {editing?.id === team.id ? (
                        <form onSubmit={saveRename}>
                          <TextInput
                            size="xs"
                            aria-label={t('teams.name')}
                            value={editing.name}
                            onChange={(event) => setEditing({ id: team.id, name: event.currentTarget.value })}
                            onBlur={() => setEditing(null)}
                            autoFocus
                          />
                        </form>
                      ) : (
                        <Text fw={600}>{team.name}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        {team.memberIds.length === 0 ? (
                          <Text size="sm" c="dimmed">
                            {t('teams.noMembers')}
                          </Text>
                        ) : (
                          team.memberIds.map((id) => (
                            <Badge key={id} variant="light" color="gray">
                              {nameOf(id)}
                            </Badge>
                          ))
                        )}
                      </Group>
                    </Table.Td>
                    {canManage && (
                      <Table.Td w={90}>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Tooltip label={t('teams.rename')}>
                            <ActionIcon
                              variant="subtle"
                              aria-label={t('teams.rename')}
                              onClick={() => setEditing({ id: team.id, name: team.name })}
                            >
                              <IconPencil size={16} />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label={t('teams.delete')}>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={t('teams.delete')}
                              onClick={() => setToDelete(team)}
                            >
                              <IconTrash size={16} />
                            </ActionIcon>
                          </Tooltip>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
      <ConfirmModal
        opened={toDelete !== null}
        danger
        title={t('teams.deleteTitle')}
        message={t('teams.deleteMessage', { name: toDelete?.name ?? '' })}
        confirmLabel={t('teams.delete')}
        isLoading={deleteTeam.isPending}
        onConfirm={() =>
          toDelete && deleteTeam.mutate(toDelete.id, { onError: fail, onSettled: () => setToDelete(null) })
        }
        onClose={() => setToDelete(null)}
      />
    </Card>
  );
}
