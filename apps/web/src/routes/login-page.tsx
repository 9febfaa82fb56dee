import { ZLoginRequest } from '@kap/shared';
import { Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { AuthLayout } from '../components/auth-layout.tsx';
import { FormAlert } from '../components/form-alert.tsx';
import { login } from '../features/auth/auth-api.ts';
import { safeNextPath } from '../features/auth/safe-next-path.ts';
import { useAuthStatus } from '../features/auth/use-me.ts';
import { useSessionActions } from '../features/auth/use-session-actions.ts';
import { describeError } from '../lib/error-message.ts';
import { fieldErrorsOf, validateWith } from '../lib/form-errors.ts';
import { useFormState } from '../lib/use-form-state.ts';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const statusQuery = useAuthStatus();
  const { startSession } = useSessionActions();
  const form = useFormState({ email: '', password: '' });

  const mutation = useMutation({
    mutationFn: login,
    onSuccess: async (me) => {
      startSession(me);
      await navigate(safeNextPath(searchParams.get('next')), { replace: true });
    },
    onError: (error) => form.setErrors(fieldErrorsOf(error)),
  });

  // A fresh install has nobody to log in: its first screen is sign-up.
  if (statusQuery.data?.needsSetup) return <Navigate to="/signup" replace />;
  const canSignUp = Boolean(statusQuery.data?.openSignup);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateWith(ZLoginRequest, form.values, t);
    if (result.errors) return form.setErrors(result.errors);
    mutation.mutate({ email: result.data.email, password: result.data.password });
  };

  return (
    <AuthLayout
      title={t('login.title')}
      subtitle={t('login.subtitle')}
      footer={
        canSignUp ? (
          <>
            {t('login.noAccount')}{' '}
            <Anchor component={Link} to="/signup" fw={600} data-testid="signup-link">
              {t('login.signupLink')}
            </Anchor>
          </>
        ) : undefined
      }
    >
      <form onSubmit={submit} noValidate data-testid="login-form">
        <Stack gap="md">
          {mutation.isError && <FormAlert>{describeError(mutation.error, t)}</FormAlert>}
          <TextInput
            label={t('fields.email')}
            type="email"
            required
            autoFocus
            autoComplete="username"
            data-testid="login-email"
            {...form.textProps('email')}
          />
          <Stack gap={4}>
            <PasswordInput
              label={t('fields.password')}
              required
              autoComplete="current-password"
              data-testid="login-password"
              {...form.textProps('password')}
            />
            <Group justify="flex-end">
              <Anchor component={Link} to="/forgot-password" size="sm" data-testid="forgot-password-link">
                {t('login.forgotPassword')}
              </Anchor>
            </Group>
          </Stack>
          <Button type="submit" fullWidth size="md" loading={mutation.isPending} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
