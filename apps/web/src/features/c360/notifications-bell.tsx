import {
  ActionIcon,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { describeError } from '../../lib/error-message.ts';
import { useFormat } from '../../lib/use-format.ts';
import { listNotifications, markNotificationRead } from './c360-api.ts';

export function NotificationsBell() {
  const { t } = useTranslation();
  const { formatRelative } = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const query = useQuery({
    queryKey: ['notifications'],
    queryFn: listNotifications,
    refetchInterval: 60_000,
  });
  const read = useMutation({
    mutationFn: markNotificationRead,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const items = query.data?.data ?? [];
  const unread = items.filter((n) => !n.readAt);
  const readAll = () => {
    for (const n of unread) read.mutate(n.id);
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={340} shadow="md" withArrow>
      <Popover.Target>
        <Indicator
          disabled={unread.length === 0}
          label={unread.length > 9 ? '9+' : unread.length}
          size={16}
          offset={4}
          color="red"
          data-testid="notifications-unread"
        >
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={t('c360.notifications.open', { n: unread.length })}
            data-testid="notifications-bell"
          >
            <IconBell size={20} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} data-testid="notifications-list">
        <Group
          justify="space-between"
          px="sm"
          py="xs"
          style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
        >
          <Text fw={600} size="sm">
            {t('c360.notifications.title')}
          </Text>
          {unread.length > 0 && (
            <Button size="compact-xs" variant="subtle" onClick={readAll}>
              {t('c360.notifications.markAll')}
            </Button>
          )}
        </Group>
        <ScrollArea.Autosize mah={360}>
          {query.isError ? (
            <Text size="sm" c="red" p="sm">
              {describeError(query.error, t)}
            </Text>
          ) : items.length === 0 ? (
            <Text size="sm" c="dimmed" p="sm">
              {query.isPending ? t('common.loading') : t('c360.notifications.empty')}
            </Text>
          ) : (
            <Stack gap={0}>
              {items.map((n) => (
                <UnstyledButton
                  key={n.id}
                  px="sm"
                  py={8}
                  data-testid="notification-item"
                  style={{
                    borderBottom: '1px solid var(--mantine-color-gray-2)',
                    background: n.readAt ? undefined : 'var(--mantine-color-indigo-light)',
                  }}
                  onClick={() => {
                    if (!n.readAt) read.mutate(n.id);
                    setOpened(false);
                    if (n.recordType === 'person' && n.recordId) void navigate(`/contacts/${n.recordId}`);
                    else if (n.recordType === 'company' && n.recordId)
                      void navigate(`/companies/${n.recordId}`);
                    else if (n.recordType === 'task') void navigate('/tasks');
                  }}
                >
                  <Text size="sm" fw={n.readAt ? 400 : 600}>
                    {n.kind === 'taskDue' ? t('c360.notifications.taskDue', { title: n.title }) : n.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatRelative(n.createdAt)}
                  </Text>
                </UnstyledButton>
              ))}
            </Stack>
          )}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
