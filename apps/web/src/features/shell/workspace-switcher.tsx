import { Button, Menu } from '@mantine/core';
import { IconCheck, IconSelector } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { RoleBadge } from '../../components/role-badge.tsx';
import { useFormat } from '../../lib/use-format.ts';
import { useCurrentMe } from '../auth/me-context.ts';
import { useSessionActions } from '../auth/use-session-actions.ts';

export function WorkspaceSwitcher() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const { compareText } = useFormat();
  const { changeWorkspace } = useSessionActions();
  const workspaces = [...me.workspaces].sort((a, b) => compareText(a.name, b.name));

  return (
    <Menu position="bottom-start" width={280} shadow="md">
      <Menu.Target>
        <Button
          variant="subtle"
          color="dark"
          size="compact-sm"
          rightSection={<IconSelector size={14} />}
          data-testid="workspace-switcher"
          aria-label={t('workspace.switch')}
          maw={260}
        >
          <span data-testid="workspace-name" style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {me.workspace.name}
          </span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('workspace.switch')}</Menu.Label>
        {workspaces.map((workspace) => (
          <Menu.Item
            key={workspace.id}
            onClick={() => {
              if (workspace.id !== me.workspace.id) void changeWorkspace(workspace.id);
            }}
            leftSection={
              workspace.id === me.workspace.id ? <IconCheck size={14} /> : <span style={{ width: 14 }} />
            }
            rightSection={<RoleBadge role={workspace.role} />}
            data-testid="workspace-option"
          >
            {workspace.name}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
