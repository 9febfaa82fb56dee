import { Alert, Button, Group, Menu, Modal, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api.ts';
import { describeError } from '../../lib/error-message.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useMembers } from '../members/use-members.ts';
import {
  bulkRecords,
  countRecords,
  type TBulkAction,
  type TFilter,
  type TRecordObjectType,
} from './c360-api.ts';
import { useLifecycleStages } from './use-c360.ts';

type TProps = {
  objectType: TRecordObjectType;
  selectedIds: string[];
  isAll: boolean;
  /** Shown when the whole loaded list is ticked and more rows match. */
  canSelectAll: boolean;
  filter: TFilter | null;
  /** The list's search text: "all matching" means matching the filter and this text. */
  search: string;
  onSelectAll: () => void;
  onClear: () => void;
  canDelete: boolean;
};

export function BulkActionsBar({
  objectType,
  selectedIds,
  isAll,
  canSelectAll,
  filter,
  search,
  onSelectAll,
  onClear,
  canDelete,
}: TProps) {
  const { t } = useTranslation();
  const { formatNumber } = useFormat();
  const queryClient = useQueryClient();
  const { members } = useMembers();
  const isPerson = objectType === 'person';
  const stages = useLifecycleStages().data?.stages ?? [];
  // The real size of "all matching", asked only when the user may pick it (exact up to the cap).
  const total = useQuery({
    queryKey: [objectType === 'person' ? 'people' : 'companies', 'count', filter, search],
    queryFn: ({ signal }) => countRecords(objectType, { filter, q: search, signal }),
    enabled: canSelectAll || isAll,
    staleTime: 10_000,
  });
  const totalText = total.data
    ? total.data.isExact
      ? formatNumber(total.data.count)
      : t('c360.records.atLeast', { n: formatNumber(total.data.count) })
    : null;
  const [action, setAction] = useState<TBulkAction | null>(null);
  const [value, setValue] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: () =>
      bulkRecords(objectType, {
        action: action ?? 'addTag',
        value: action === 'delete' ? undefined : value,
        ...(isAll ? { filter: filter ?? { and: [] }, q: search || undefined } : { ids: selectedIds }),
        confirm: action === 'delete' ? true : undefined,
      }),
    onSuccess: (result) => {
      notifications.show({
        color: 'teal',
        message: isPerson
          ? t('c360.bulk.done', { n: formatNumber(result.affected) })
          : t('c360.records.companiesDone', { n: formatNumber(result.affected) }),
      });
      void queryClient.invalidateQueries({ queryKey: [isPerson ? 'people' : 'companies'] });
      setAction(null);
      setValue(null);
      onClear();
    },
  });
  const open = (next: TBulkAction) => {
    run.reset();
    setValue(null);
    setAction(next);
  };
  const count = isAll
    ? totalText
      ? t('c360.records.allMatchingCount', { n: totalText })
      : t('c360.bulk.allMatching')
    : t('c360.bulk.selected', { n: formatNumber(selectedIds.length) });
  return (
    <Paper withBorder p="xs" radius="md" bg="indigo.0" data-testid="bulk-bar">
      <Group gap="sm" wrap="wrap">
        <Text size="sm" fw={600} data-testid="bulk-count">
          {count}
        </Text>
        {canSelectAll && !isAll && (
          <Button
            size="compact-sm"
            variant="subtle"
            onClick={onSelectAll}
            disabled={!totalText}
            data-testid="select-all-matching"
          >
            {totalText ? t('c360.records.selectAllCount', { n: totalText }) : t('c360.records.countLoading')}
          </Button>
        )}
        <Menu position="bottom-start">
          <Menu.Target>
            <Button size="compact-sm" rightSection={<IconChevronDown size={14} />} data-testid="bulk-actions">
              {t('c360.bulk.actions')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => open('addTag')} data-testid="bulk-addTag">
              {t('c360.bulk.addTag')}
            </Menu.Item>
            <Menu.Item onClick={() => open('removeTag')} data-testid="bulk-removeTag">
              {t('c360.bulk.removeTag')}
            </Menu.Item>
            <Menu.Item onClick={() => open('setOwner')} data-testid="bulk-setOwner">
              {t('c360.bulk.setOwner')}
            </Menu.Item>
            {isPerson && (
              <Menu.Item onClick={() => open('setLifecycleStage')}>{t('c360.bulk.setStage')}</Menu.Item>
            )}
            {canDelete && (
              <Menu.Item color="red" onClick={() => open('delete')} data-testid="bulk-delete">
                {t('common.delete')}
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
        <Button size="compact-sm" variant="subtle" color="gray" onClick={onClear}>
          {t('c360.bulk.clear')}
        </Button>
      </Group>
      <Modal
        opened={action !== null}
        onClose={() => setAction(null)}
        title={
          action === 'delete' && !isPerson
            ? t('c360.records.deleteCompanies')
            : action
              ? t(`c360.bulk.title.${action}`)
              : ''
        }
      >
        <Stack
          gap="md"
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            run.mutate();
          }}
        >
          <Text size="sm">{t('c360.bulk.appliesTo', { what: count })}</Text>
          {(action === 'addTag' || action === 'removeTag') && (
            <TextInput
              data-autofocus
              required
              label={t('c360.fields.tags')}
              value={value ?? ''}
              onChange={(e) => setValue(e.currentTarget.value)}
              data-testid="bulk-value"
            />
          )}
          {action === 'setOwner' && (
            <Select
              label={t('fields.owner')}
              searchable
              clearable
              placeholder={t('people.noOwner')}
              data={members.map((m) => ({ value: m.userId, label: m.name }))}
              value={value}
              onChange={setValue}
            />
          )}
          {action === 'setLifecycleStage' && (
            <Select
              label={t('c360.fields.lifecycleStage')}
              clearable
              data={stages.map((s) => ({ value: s.key, label: s.label }))}
              value={value}
              onChange={setValue}
            />
          )}
          {action === 'delete' && <Alert color="red">{t('c360.bulk.deleteWarning', { what: count })}</Alert>}
          {run.isError && (
            <Alert color="red">
              {isApiError(run.error, 'NOT_FOUND') ? t('c360.notAvailable') : describeError(run.error, t)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAction(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color={action === 'delete' ? 'red' : undefined}
              loading={run.isPending}
              disabled={(action === 'addTag' || action === 'removeTag') && !value?.trim()}
              data-testid="bulk-confirm"
            >
              {t('c360.bulk.apply')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
