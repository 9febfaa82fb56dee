import { type TRole, ZCreateInvitationRequest } from '@kap/shared';
import { Button, Group, Select, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/form-alert.tsx';
import { isRole, roleOptions } from '../../components/role-options.ts';
import { describeError } from '../../lib/error-message.ts';
import { fieldErrorsOf, validateWith } from '../../lib/form-errors.ts';
import { useFormState } from '../../lib/use-form-state.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { useCreateInvitation } from './use-members.ts';

export function InviteForm() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const form = useFormState<{ email: string; role: TRole }>({ email: '', role: 'sales' });
  const mutation = useCreateInvitation();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateWith(ZCreateInvitationRequest, form.values, t);
    if (result.errors) return form.setErrors(result.errors);
    mutation.mutate(result.data, {
      onSuccess: (invitation) => {
        notifications.show({ color: 'teal', message: t('invitations.sent', { email: invitation.email }) });
        form.setValues({ email: '', role: form.values.role });
      },
      onError: (error) => form.setErrors(fieldErrorsOf(error)),
    });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="invite-form">
      {mutation.isError && <FormAlert>{describeError(mutation.error, t)}</FormAlert>}
      <Group align="flex-start" gap="sm" mt={mutation.isError ? 'sm' : 0}>
        <TextInput
          style={{ flex: '1 1 240px' }}
          type="email"
          label={t('fields.email')}
          placeholder={t('invitations.emailPlaceholder')}
          data-testid="invite-email"
          {...form.textProps('email')}
        />
        <Select
          w={180}
          label={t('members.role')}
          name="role"
          data={roleOptions(t, permissions.canAssign)}
          value={form.values.role}
          onChange={(value) => isRole(value) && form.setValue('role', value)}
          allowDeselect={false}
          error={form.errors.role}
          data-testid="invite-role"
        />
        <Button
          type="submit"
          mt={25}
          leftSection={<IconSend size={16} />}
          loading={mutation.isPending}
          data-testid="invite-submit"
        >
          {t('invitations.send')}
        </Button>
      </Group>
    </form>
  );
}
