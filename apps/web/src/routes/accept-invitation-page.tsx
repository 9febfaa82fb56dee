import { Anchor, Button, Center, Group, Loader, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { AuthLayout } from '../components/auth-layout.tsx';
import { FormAlert } from '../components/form-alert.tsx';
import { RoleBadge } from '../components/role-badge.tsx';
import { acceptInvitation, previewInvitation } from '../features/auth/auth-api.ts';
import { useSessionActions } from '../features/auth/use-session-actions.ts';
import { describeError } from '../lib/error-message.ts';
import { fieldErrorsOf } from '../lib/form-errors.ts';
import { useFormState } from '../lib/use-form-state.ts';

const MIN_PASSWORD = 10;

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const { startSession } = useSessionActions();
  const form = useFormState({ name: '', password: '' });

  const previewQuery = useQuery({
    queryKey: ['invitation-preview', token],
    queryFn: () => previewInvitation(token),
    enabled: token.length > 0,
    retry: false,
  });

  const mutation = useMutation({
    mutationFn: acceptInvitation,
    onSuccess: async (me) => {
      startSession(me);
      notifications.show({
        color: 'teal',
        message: t('invitation.joined', { workspace: me.workspace.name }),
      });
      await navigate('/contacts', { replace: true });
    },
    onError: (error) => form.setErrors(fieldErrorsOf(error)),
  });

  if (token && previewQuery.isPending) {
    return (
      <AuthLayout title={t('invitation.title')}>
        <Center py="xl">
          <Loader />
        </Center>
      </AuthLayout>
    );
  }

  if (!token || !previewQuery.data) {
    return (
      <AuthLayout
        title={t('invitation.invalidTitle')}
        footer={
          <Anchor component={Link} to="/login" fw={600}>
            {t('forgotPassword.backToLogin')}
          </Anchor>
        }
      >
        <Text size="sm" data-testid="invitation-invalid">
          {t('invitation.invalidMessage')}
        </Text>
      </AuthLayout>
    );
  }

  const preview = previewQuery.data;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = form.values.name.trim();
    const password = form.values.password;
    if (!preview.hasAccount) {
      const errors: Record<string, string> = {};
      if (!name) errors.name = t('validation.required');
      if (password.length < MIN_PASSWORD) errors.password = t('validation.tooShort', { min: MIN_PASSWORD });
      if (Object.keys(errors).length > 0) return form.setErrors(errors);
      mutation.mutate({ token, name, password });
      return;
    }
    if (!password) return form.setErrors({ password: t('validation.required') });
    mutation.mutate({ token, password });
  };

  return (
    <AuthLayout
      title={t('invitation.title')}
      subtitle={
        <Trans
          i18nKey="invitation.subtitle"
          values={{ workspace: preview.workspaceName }}
          components={{ b: <b /> }}
        />
      }
    >
      <form onSubmit={submit} noValidate data-testid="accept-invitation-form">
        <Stack gap="md">
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t('invitation.joiningAs')}
            </Text>
            <RoleBadge role={preview.role} />
          </Group>
          {mutation.isError && <FormAlert>{describeError(mutation.error, t)}</FormAlert>}
          <TextInput label={t('fields.email')} value={preview.email} readOnly variant="filled" name="email" />
          {preview.hasAccount ? (
            <Text size="sm">{t('invitation.existingAccount')}</Text>
          ) : (
            <TextInput
              label={t('fields.yourName')}
              required
              autoFocus
              autoComplete="name"
              data-testid="invitation-name"
              {...form.textProps('name')}
            />
          )}
          <PasswordInput
            label={preview.hasAccount ? t('fields.password') : t('invitation.choosePassword')}
            description={preview.hasAccount ? undefined : t('fields.passwordHint', { min: MIN_PASSWORD })}
            required
            autoFocus={preview.hasAccount}
            autoComplete={preview.hasAccount ? 'current-password' : 'new-password'}
            data-testid="invitation-password"
            {...form.textProps('password')}
          />
          <Button
            type="submit"
            fullWidth
            size="md"
            loading={mutation.isPending}
            data-testid="invitation-submit"
          >
            {t('invitation.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
