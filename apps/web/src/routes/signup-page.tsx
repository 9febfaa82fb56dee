import { ZSignupRequest } from '@kap/shared';
import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { AuthLayout } from '../components/auth-layout.tsx';
import { ErrorState } from '../components/error-state.tsx';
import { FormAlert } from '../components/form-alert.tsx';
import { FullPageLoader } from '../components/full-page-loader.tsx';
import { signup } from '../features/auth/auth-api.ts';
import { SignupClosed } from '../features/auth/signup-closed.tsx';
import { useAuthStatus } from '../features/auth/use-me.ts';
import { useSessionActions } from '../features/auth/use-session-actions.ts';
import { describeError } from '../lib/error-message.ts';
import { fieldErrorsOf, validateWith } from '../lib/form-errors.ts';
import { toSupportedLocale } from '../lib/i18n.ts';
import { useFormState } from '../lib/use-form-state.ts';

export function SignupPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const statusQuery = useAuthStatus();
  const { startSession } = useSessionActions();
  const form = useFormState({ workspaceName: '', name: '', email: '', password: '' });

  const mutation = useMutation({
    mutationFn: signup,
    onSuccess: async (me) => {
      startSession(me);
      notifications.show({
        color: 'teal',
        title: t('signup.welcomeTitle'),
        message: t('signup.welcomeMessage', { workspace: me.workspace.name }),
      });
      await navigate('/contacts', { replace: true });
    },
    onError: (error) => form.setErrors(fieldErrorsOf(error)),
  });

  if (statusQuery.isPending) return <FullPageLoader />;
  if (statusQuery.isError)
    return <ErrorState fullPage error={statusQuery.error} onRetry={() => void statusQuery.refetch()} />;
  const { needsSetup, openSignup } = statusQuery.data;
  if (!needsSetup && !openSignup) return <SignupClosed />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const locale = toSupportedLocale(i18n.resolvedLanguage);
    const result = validateWith(ZSignupRequest, { ...form.values, locale }, t);
    if (result.errors) return form.setErrors(result.errors);
    mutation.mutate(result.data);
  };

  return (
    <AuthLayout
      title={needsSetup ? t('signup.firstRunTitle') : t('signup.title')}
      subtitle={needsSetup ? t('signup.firstRunSubtitle') : t('signup.subtitle')}
      footer={
        needsSetup ? undefined : (
          <>
            {t('signup.haveAccount')}{' '}
            <Anchor component={Link} to="/login" fw={600} data-testid="login-link">
              {t('signup.loginLink')}
            </Anchor>
          </>
        )
      }
    >
      <form onSubmit={submit} noValidate data-testid="signup-form">
        <Stack gap="md">
          {mutation.isError && <FormAlert>{describeError(mutation.error, t)}</FormAlert>}
          <TextInput
            label={t('signup.workspaceName')}
            placeholder={t('signup.workspaceNamePlaceholder')}
            required
            autoFocus
            autoComplete="organization"
            data-testid="signup-workspace-name"
            {...form.textProps('workspaceName')}
          />
          <TextInput
            label={t('fields.yourName')}
            required
            autoComplete="name"
            data-testid="signup-name"
            {...form.textProps('name')}
          />
          <TextInput
            label={t('fields.email')}
            type="email"
            required
            autoComplete="email"
            data-testid="signup-email"
            {...form.textProps('email')}
          />
          <PasswordInput
            label={t('fields.password')}
            description={t('fields.passwordHint', { min: 10 })}
            required
            autoComplete="new-password"
            data-testid="signup-password"
            {...form.textProps('password')}
          />
          <Button type="submit" fullWidth size="md" loading={mutation.isPending} data-testid="signup-submit">
            {needsSetup ? t('signup.submitFirstRun') : t('signup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
