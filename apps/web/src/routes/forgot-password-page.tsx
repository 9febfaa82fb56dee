import { ZPasswordResetRequest } from '@kap/shared';
import { Anchor, Button, Stack, Text, TextInput, ThemeIcon } from '@mantine/core';
import { IconMailCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuthLayout } from '../components/auth-layout.tsx';
import { FormAlert } from '../components/form-alert.tsx';
import { requestPasswordReset } from '../features/auth/auth-api.ts';
import { describeError } from '../lib/error-message.ts';
import { fieldErrorsOf, validateWith } from '../lib/form-errors.ts';
import { useFormState } from '../lib/use-form-state.ts';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const form = useFormState({ email: '' });
  const mutation = useMutation({
    mutationFn: requestPasswordReset,
    onError: (error) => form.setErrors(fieldErrorsOf(error)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateWith(ZPasswordResetRequest, form.values, t);
    if (result.errors) return form.setErrors(result.errors);
    mutation.mutate(result.data);
  };

  const backToLogin = (
    <Anchor component={Link} to="/login" fw={600}>
      {t('forgotPassword.backToLogin')}
    </Anchor>
  );

  if (mutation.isSuccess) {
    return (
      <AuthLayout title={t('forgotPassword.sentTitle')} footer={backToLogin}>
        <Stack align="center" gap="md" data-testid="reset-requested">
          <ThemeIcon size={56} radius="xl" variant="light" color="teal">
            <IconMailCheck size={30} />
          </ThemeIcon>
          <Text ta="center" size="sm">
            {t('forgotPassword.sentMessage', { email: form.values.email })}
          </Text>
        </Stack>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title={t('forgotPassword.title')}
      subtitle={t('forgotPassword.subtitle')}
      footer={backToLogin}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {mutation.isError && <FormAlert>{describeError(mutation.error, t)}</FormAlert>}
          <TextInput
            label={t('fields.email')}
            type="email"
            required
            autoFocus
            autoComplete="email"
            data-testid="forgot-email"
            {...form.textProps('email')}
          />
          <Button type="submit" fullWidth size="md" loading={mutation.isPending} data-testid="forgot-submit">
            {t('forgotPassword.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
