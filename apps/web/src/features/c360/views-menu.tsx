import { Alert, Button, Group, Modal, Select, Stack, Switch, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api.ts';
import { describeError } from '../../lib/error-message.ts';
import { createView, listViews, type TFilter, type TRecordObjectType, type TSavedView } from './c360-api.ts';

type TProps = {
  objectType: TRecordObjectType;
  viewId: string | null;
  onSelect: (view: TSavedView | null) => void;
  current: { filter: TFilter | null; sort: string; columns: string[] };
};

export function ViewsMenu({ objectType, viewId, onSelect, current }: TProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [isSaveOpen, setSaveOpen] = useState(false);
  const [name, setName] = useState('');
  const [isShared, setShared] = useState(false);
  const query = useQuery({
    queryKey: ['views', objectType],
    queryFn: () => listViews(objectType),
    retry: (count, error) => !isApiError(error, 'NOT_FOUND') && count < 2,
  });
  const isUnavailable = isApiError(query.error, 'NOT_FOUND');
  const views = query.data?.data ?? [];
  const save = useMutation({
    mutationFn: () =>
      createView({
        objectType,
        name: name.trim(),
        isShared,
        filter: current.filter,
        sort: current.sort,
        columns: current.columns,
      }),
    onSuccess: (view) => {
      void queryClient.invalidateQueries({ queryKey: ['views'] });
      notifications.show({ color: 'teal', message: t('c360.views.saved', { name: view.name }) });
      setSaveOpen(false);
      setName('');
      onSelect(view);
    },
  });
  return (
    <Group gap="xs" wrap="wrap">
      <Tooltip label={t('c360.notAvailable')} disabled={!isUnavailable}>
        <Select
          w={180}
          placeholder={objectType === 'company' ? t('c360.records.allCompanies') : t('c360.views.all')}
          clearable
          disabled={isUnavailable}
          aria-label={t('c360.views.label')}
          data={[
            {
              group: t('c360.views.personal'),
              items: views.filter((v) => !v.isShared).map((v) => ({ value: v.id, label: v.name })),
            },
            {
              group: t('c360.views.shared'),
              items: views.filter((v) => v.isShared).map((v) => ({ value: v.id, label: v.name })),
            },
          ].filter((g) => g.items.length > 0)}
          value={viewId}
          onChange={(id) => onSelect(views.find((v) => v.id === id) ?? null)}
          data-testid="views-select"
        />
      </Tooltip>
      <Button
        variant="default"
        leftSection={<IconDeviceFloppy size={16} />}
        onClick={() => {
          save.reset();
          setSaveOpen(true);
        }}
        data-testid="save-view-button"
      >
        {t('c360.views.save')}
      </Button>
      <Modal opened={isSaveOpen} onClose={() => setSaveOpen(false)} title={t('c360.views.saveTitle')}>
        <Stack
          gap="sm"
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) save.mutate();
          }}
        >
          <TextInput
            data-autofocus
            required
            label={t('fields.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-testid="view-name"
          />
          <Switch
            label={t('c360.views.shareWithTeam')}
            checked={isShared}
            onChange={(e) => setShared(e.currentTarget.checked)}
            data-testid="view-shared"
          />
          {save.isError && (
            <Alert color="red">
              {isApiError(save.error, 'NOT_FOUND') ? t('c360.notAvailable') : describeError(save.error, t)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setSaveOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!name.trim()} data-testid="view-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}
