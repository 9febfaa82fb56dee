import { type TApiKeyScope, type TRole, ZCreateApiKeyRequest } from '@kap/shared';
import { Button, Group, Modal, Radio, Select, Stack, TextInput } from '@mantine/core';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/form-alert.tsx';
import { isRole, roleOptions } from '../../components/role-options.ts';
import { describeError } from '../../lib/error-message.ts';
import { fieldErrorsOf, validateWith } from '../../lib/form-errors.ts';
import { useFormState } from '../../lib/use-form-state.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import type { TCreatedApiKey } from './api-keys-api.ts';
import { useCreateApiKey } from './use-api-keys.ts';

type TCreateApiKeyModalProps = {
  opened: boolean;
  onClose: () => void;
  onCreated: (key: TCreatedApiKey) => void;
};

const EMPTY_FORM: { name: string; role: TRole; scopes: TApiKeyScope[] } = {
  name: '',
  role: 'viewer',
  scopes: [],
};

export function CreateApiKeyModal({ opened, onClose, onCreated }: TCreateApiKeyModalProps) {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const form = useFormState<{ name: string; role: TRole; scopes: TApiKeyScope[] }>(EMPTY_FORM);
  const mutation = useCreateApiKey();

  const close = () => {
    form.setValues(EMPTY_FORM);
    form.setErrors({});
    mutation.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateWith(ZCreateApiKeyRequest, form.values, t);
    if (result.errors) return form.setErrors(result.errors);
    mutation.mutate(result.data, {
      onSuccess: (created) => {
        close();
        onCreated(created);
      },
      onError: (error) => form.setErrors(fieldErrorsOf(error)),
    });
  };

  return (
    <Modal opened={opened} onClose={close} title={t('apiKeys.createTitle')} centered>
      <form onSubmit={submit} noValidate data-testid="api-key-form">
        <Stack gap="md">
          {mutation.isError && <FormAlert>{describeError(mutation.error, t)}</FormAlert>}
          <TextInput
            label={t('fields.name')}
            placeholder={t('apiKeys.namePlaceholder')}
            required
            data-autofocus
            data-testid="api-key-name"
            {...form.textProps('name')}
          />
          <Select
            label={t('members.role')}
            description={t('apiKeys.roleHint')}
            name="role"
            data={roleOptions(t, permissions.canAssign)}
            value={form.values.role}
            onChange={(value) => isRole(value) && form.setValue('role', value)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            data-testid="api-key-role"
          />
          <Radio.Group
            label={t('apiKeys.access')}
            description={
              form.values.scopes.length > 0 ? t('apiKeys.accessEventsHint') : t('apiKeys.roleHint')
            }
            value={form.values.scopes.includes('events:write') ? 'events' : 'role'}
            onChange={(value) => form.setValue('scopes', value === 'events' ? ['events:write'] : [])}
            error={form.errors.scopes}
            data-testid="api-key-access"
          >
            <Stack gap={6} mt="xs">
              <Radio value="role" label={t('apiKeys.accessFull')} data-testid="api-key-access-role" />
              <Radio value="events" label={t('apiKeys.accessEvents')} data-testid="api-key-access-events" />
            </Stack>
          </Radio.Group>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="api-key-save">
              {t('apiKeys.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
