import { ZPasswordResetConfirm } from '@kap/shared';
import { Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { AuthLayout } from '../components/auth-layout.tsx';
import { FormAlert } from '../components/form-alert.tsx';
import { confirmPasswordReset } from '../features/auth/auth-api.ts';
import { isApiError } from '../lib/api.ts';
import { describeError } from '../lib/error-message.ts';
import { fieldErrorsOf, validateWith } from '../lib/form-errors.ts';
import { useFormState } from '../lib/use-form-state.ts';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const form = useFormState({ password: '', confirmPassword: '' });

  const mutation = useMutation({
    mutationFn: confirmPasswordReset,
    onSuccess: async () => {
      notifications.show({
        color: 'teal',
        title: t('resetPassword.doneTitle'),
        message: t('resetPassword.doneMessage'),
      });
      await navigate('/login', { replace: true });
    },
    onError: (error) => form.setErrors(fieldErrorsOf(error)),
  });

  const requestNewLink = (
    <Anchor component={Link} to="/forgot-password" fw={600}>
      {t('resetPassword.requestNew')}
    </Anchor>
  );

  if (!token) {
    return (
      <AuthLayout title={t('resetPassword.invalidTitle')} footer={requestNewLink}>
        <Text size="sm">{t('resetPassword.invalidMessage')}</Text>
      </AuthLayout>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateWith(ZPasswordResetConfirm, { token, password: form.values.password }, t);
    if (result.errors) return form.setErrors(result.errors);
    if (form.values.password !== form.values.confirmPassword) {
      return form.setErrors({ confirmPassword: t('validation.passwordsDiffer') });
    }
    mutation.mutate(result.data);
  };

  const isBadToken = isApiError(mutation.error, 'BAD_REQUEST') || isApiError(mutation.error, 'NOT_FOUND');

  return (
    <AuthLayout
      title={t('resetPassword.title')}
      subtitle={t('resetPassword.subtitle')}
      footer={requestNewLink}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {form.errors.token && <FormAlert>{t('resetPassword.invalidMessage')}</FormAlert>}
          {mutation.isError && (
            <FormAlert>
              {isBadToken ? t('resetPassword.invalidMessage') : describeError(mutation.error, t)}
            </FormAlert>
          )}
          <PasswordInput
            label={t('resetPassword.newPassword')}
            description={t('fields.passwordHint', { min: 10 })}
            required
            autoFocus
            autoComplete="new-password"
            data-testid="reset-password"
            {...form.textProps('password')}
          />
          <PasswordInput
            label={t('resetPassword.confirmPassword')}
            required
            autoComplete="new-password"
            data-testid="reset-password-confirm"
            {...form.textProps('confirmPassword')}
          />
          <Button type="submit" fullWidth size="md" loading={mutation.isPending} data-testid="reset-submit">
            {t('resetPassword.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
