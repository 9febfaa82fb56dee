import {
  CUSTOM_FIELD_TYPES,
  type TCustomField,
  type TCustomFieldObjectType,
  type TCustomFieldType,
} from '@kap/shared';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArchiveOff, IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page-header.tsx';
import { createCustomField, updateCustomField } from '../features/c360/c360-api.ts';
import { useCustomFields } from '../features/c360/use-c360.ts';
import { isApiError } from '../lib/api.ts';
import { describeError } from '../lib/error-message.ts';

const isSelectType = (type: string) => type === 'select' || type === 'multiSelect';

/** "Customer tier" → "customerTier": a key suggestion that satisfies the server's pattern. */
function suggestKey(label: string): string {
  const words = label
    .normalize('NFKD')
    .replace(/[^\w\s]/g, '')
    .split(/[\s_]+/)
    .filter((w) => /^[A-Za-z0-9]+$/.test(w));
  const key = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]?.toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
  return /^[a-z]/.test(key) ? key.slice(0, 63) : '';
}

function FieldModal({
  objectType,
  field,
  onClose,
}: {
  objectType: TCustomFieldObjectType;
  field: TCustomField | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [label, setLabel] = useState(field?.label ?? '');
  const [key, setKey] = useState(field?.key ?? '');
  const [isKeyTouched, setKeyTouched] = useState(false);
  const [type, setType] = useState<TCustomFieldType>(field?.type ?? 'text');
  const [options, setOptions] = useState<string[]>(field?.options?.map((o) => o.label) ?? []);
  const [relationType, setRelationType] = useState<TCustomFieldObjectType>('company');
  const save = useMutation({
    mutationFn: () => {
      const opts = isSelectType(type) ? options.map((o) => ({ value: o, label: o })) : undefined;
      if (field) {
        // Keep the stored value of options that keep their label; new labels become new values.
        const kept = isSelectType(type)
          ? options.map((o) => field.options?.find((x) => x.label === o) ?? { value: o, label: o })
          : undefined;
        return updateCustomField(field.id, field.version, { label: label.trim(), options: kept });
      }
      return createCustomField({
        objectType,
        key,
        label: label.trim(),
        type,
        options: opts,
        relation: type === 'relation' ? { objectType: relationType } : undefined,
      });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['custom-fields'] });
      notifications.show({ color: 'teal', message: t('c360.customFields.saved', { label: label.trim() }) });
      onClose();
    },
  });
  const errors = new Map(
    isApiError(save.error) ? save.error.details.map((d) => [d.path, d.message] as const) : [],
  );
  return (
    <Modal
      opened
      onClose={onClose}
      title={field ? t('c360.customFields.editTitle') : t('c360.customFields.newTitle')}
    >
      <Stack
        gap="sm"
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
        data-testid="custom-field-form"
      >
        {save.isError && errors.size === 0 && <Alert color="red">{describeError(save.error, t)}</Alert>}
        <TextInput
          data-autofocus
          required
          label={t('c360.customFields.label')}
          value={label}
          onChange={(e) => {
            const next = e.currentTarget.value;
            setLabel(next);
            if (!field && !isKeyTouched) setKey(suggestKey(next));
          }}
          error={errors.get('label')}
          data-testid="custom-field-label"
        />
        <TextInput
          required
          label={t('c360.customFields.key')}
          description={t('c360.customFields.keyHint')}
          value={key}
          disabled={Boolean(field)}
          onChange={(e) => {
            setKeyTouched(true);
            setKey(e.currentTarget.value);
          }}
          error={errors.get('key')}
          data-testid="custom-field-key"
        />
        <Select
          label={t('c360.customFields.type')}
          disabled={Boolean(field)}
          allowDeselect={false}
          data={CUSTOM_FIELD_TYPES.map((v) => ({ value: v, label: t(`c360.fieldType.${v}`) }))}
          value={type}
          onChange={(v) => v && setType(v as TCustomFieldType)}
          data-testid="custom-field-type"
        />
        {type === 'relation' && !field && (
          <SegmentedControl
            value={relationType}
            onChange={(v) => setRelationType(v as TCustomFieldObjectType)}
            data={[
              { value: 'person', label: t('nav.contacts') },
              { value: 'company', label: t('nav.companies') },
            ]}
          />
        )}
        {isSelectType(type) && (
          <TagsInput
            label={t('c360.customFields.options')}
            description={t('c360.customFields.optionsHint')}
            value={options}
            onChange={setOptions}
            error={errors.get('options')}
            data-testid="custom-field-options"
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            loading={save.isPending}
            disabled={!label.trim() || !key}
            data-testid="custom-field-save"
          >
            {field ? t('common.save') : t('c360.customFields.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function SettingsCustomFieldsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [objectType, setObjectType] = useState<TCustomFieldObjectType>('person');
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<TCustomField | 'new' | null>(null);
  const query = useCustomFields(objectType, true);
  const fields = (query.data?.data ?? []).filter((f) => showArchived || !f.isArchived);
  const archive = useMutation({
    mutationFn: (field: TCustomField) =>
      updateCustomField(field.id, field.version, { isArchived: !field.isArchived }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['custom-fields'] }),
    onError: (error) => notifications.show({ color: 'red', message: describeError(error, t) }),
  });
  return (
    <Stack gap="md">
      <PageHeader
        order={2}
        title={t('settings.tabs.customFields')}
        description={t('c360.customFields.description')}
        actions={
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setEditing('new')}
            data-testid="create-custom-field"
          >
            {t('c360.customFields.new')}
          </Button>
        }
      />
      <Group justify="space-between">
        <SegmentedControl
          value={objectType}
          onChange={(v) => setObjectType(v as TCustomFieldObjectType)}
          data={[
            { value: 'person', label: t('nav.contacts') },
            { value: 'company', label: t('nav.companies') },
            { value: 'product', label: t('nav.products') },
          ]}
          data-testid="custom-field-object-type"
        />
        <Switch
          label={t('c360.customFields.showArchived')}
          checked={showArchived}
          onChange={(e) => setShowArchived(e.currentTarget.checked)}
        />
      </Group>
      <Card p={0}>
        {query.isPending ? (
          <Skeleton h={120} />
        ) : query.isError ? (
          <Alert color="red">{describeError(query.error, t)}</Alert>
        ) : fields.length === 0 ? (
          <Text c="dimmed" ta="center" py="xl" data-testid="custom-fields-empty">
            {t('c360.customFields.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('c360.customFields.label')}</Table.Th>
                  <Table.Th>{t('c360.customFields.key')}</Table.Th>
                  <Table.Th>{t('c360.customFields.type')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {fields.map((field) => (
                  <Table.Tr
                    key={field.id}
                    data-testid="custom-field-row"
                    opacity={field.isArchived ? 0.6 : 1}
                  >
                    <Table.Td>
                      <Group gap="xs">
                        <Text size="sm" fw={600}>
                          {field.label}
                        </Text>
                        {field.isArchived && (
                          <Badge size="xs" color="gray">
                            {t('c360.customFields.archived')}
                          </Badge>
                        )}
                      </Group>
                      {field.options && (
                        <Text size="xs" c="dimmed">
                          {field.options.map((o) => o.label).join(', ')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {field.key}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" tt="none">
                        {t(`c360.fieldType.${field.type}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Tooltip label={t('common.edit')}>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            aria-label={t('common.edit')}
                            onClick={() => setEditing(field)}
                          >
                            <IconPencil size={16} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip
                          label={
                            field.isArchived
                              ? t('c360.customFields.unarchive')
                              : t('c360.customFields.archive')
                          }
                        >
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            aria-label={
                              field.isArchived
                                ? t('c360.customFields.unarchive')
                                : t('c360.customFields.archive')
                            }
                            onClick={() => archive.mutate(field)}
                            data-testid="custom-field-archive"
                          >
                            {field.isArchived ? <IconArchiveOff size={16} /> : <IconArchive size={16} />}
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      {editing && (
        <FieldModal
          objectType={objectType}
          field={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
